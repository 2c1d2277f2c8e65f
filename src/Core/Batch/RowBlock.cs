using Serverless.Core.Scoring;

namespace Serverless.Core.Batch;

/// <summary>
/// One ONNX Runtime batch of rows travelling read -> score -> write. Blocks are pooled and reused, so a file
/// of any size uses the same few blocks.
/// </summary>
internal sealed class RowBlock(int capacity, int width)
{
    public int Capacity { get; } = capacity;

    public int Width { get; } = width;

    /// <summary>Encoded features of the valid rows, row-major.</summary>
    public float[] Features { get; } = new float[capacity * width];

    /// <summary>Valid (encoded) rows.</summary>
    public int Count { get; set; }

    /// <summary>Rows of this block that could not be scored, in input order.</summary>
    public List<RowError> Errors { get; } = [];

    /// <summary>Rows read into this block: valid plus rejected.</summary>
    public int RowsRead => Count + Errors.Count;

    public bool IsFull => RowsRead >= Capacity;

    /// <summary>What the format's writer needs to reproduce each valid row (owned by the reader/writer pair).</summary>
    public object? Payload { get; set; }

    public TabularPredictions? Predictions { get; set; }

    public Span<float> RowFeatures(int row) => Features.AsSpan(row * Width, Width);

    public void Reset()
    {
        Count = 0;
        Errors.Clear();
        Predictions = null;
    }
}
