namespace Serverless.GpuServing.Batching;

/// <summary>
/// The preallocated arrays one batch key reuses on every batch: per input <c>MaxBatchSize x row</c> elements, and per
/// output the same when every requested output has fixed dimensions past the batch one (null otherwise: ONNX Runtime
/// allocates those outputs). Used by the batching loop only, one batch at a time, so never shared concurrently.
/// </summary>
internal sealed class BatchBuffers(Array[] inputs, Array[]? outputs, int[]? outputRowElements)
{
    public Array[] Inputs { get; } = inputs;

    public Array[]? Outputs { get; } = outputs;

    /// <summary>Elements per row of each output in <see cref="Outputs"/>.</summary>
    public int[]? OutputRowElements { get; } = outputRowElements;
}
