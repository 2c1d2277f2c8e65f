using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

/// <summary>
/// Record predictions for a server that runs tensors (the GPU app, whose dynamic batcher takes Open Inference
/// tensors): records in, one FP32 <c>[N, features]</c> input tensor out, and the output tensors back as the same
/// <c>{ "predictions": [ ... ] }</c> response the function app writes. Stateless; thread-safe.
/// </summary>
public static class RecordTensors
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Why <paramref name="manifest"/> cannot take records as one tensor, or null when it can.</summary>
    public static string? Unsupported(ModelManifest manifest) => manifest switch
    {
        { Features: null } => "has no feature schema, so records cannot be encoded",
        { Task: ModelTask.Other } => "has task 'other', so its outputs have no record form",
        { Features.InputPerFeature: true } => "takes one input per feature, which the GPU app does not batch as records",
        _ => null,
    };

    /// <summary>Parses <c>{ "records": [ ... ] }</c> into the model's input tensor, or says why not (naming record and field).</summary>
    public static bool TryEncode(
        FeatureEncoder encoder, string model, ReadOnlySpan<byte> utf8Json, int maxRecords,
        [NotNullWhen(true)] out InferenceTensor? input, [NotNullWhen(false)] out string? error)
    {
        input = null;
        using var rows = new EncodedRows(encoder.Width);
        if (!RecordRequestReader.TryRead(utf8Json, encoder, model, maxRecords, rows, out error))
        {
            return false;
        }

        input = new InferenceTensor(encoder.Schema.InputName, OipDatatype.Fp32, [rows.Rows, encoder.Width], rows.Memory.ToArray());
        return true;
    }

    /// <summary>
    /// Reads tensor outputs the way the function app reads a session's: regression takes the first numeric output with
    /// one value per row; classification takes a numeric <c>[N, classes]</c> output as probabilities (labels from the
    /// manifest, else the output's classes, else the column index) and a label output when there is one, else the
    /// most probable class.
    /// </summary>
    /// <exception cref="InvalidOperationException">No output has a record form for the model's task.</exception>
    public static TabularPredictions ToPredictions(ModelManifest manifest, int rows, IReadOnlyList<InferenceTensor> outputs)
    {
        if (manifest.Task == ModelTask.Regression)
        {
            var value = outputs.FirstOrDefault(o => Floats(o) is { } f && f.Length == rows)
                ?? throw NoForm(manifest, "one numeric value per row");
            return new TabularPredictions(rows, null, null, null, Floats(value));
        }

        var scores = outputs.FirstOrDefault(o => o.Shape.Length == 2 && o.Shape[0] == rows && o.Shape[1] >= 2 && Floats(o) is not null)
            ?? throw NoForm(manifest, "a numeric [N, classes] probabilities output");
        var width = (int)scores.Shape[1];
        var classes = manifest.ClassLabels is { } known && known.Count == width ? known
            : scores.Classes is { } named && named.Count == width ? named
            : [.. Enumerable.Range(0, width).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var probabilities = Floats(scores)!;
        var labels = outputs.FirstOrDefault(o => !ReferenceEquals(o, scores) && o.Data.Length == rows && o.Shape.Length <= 2) is { } label
            ? Labels(label)
            : [.. Enumerable.Range(0, rows).Select(r => classes[ArgMax(probabilities.AsSpan(r * width, width))])];
        return new TabularPredictions(rows, labels, probabilities, classes, null);
    }

    /// <summary>Writes the record response (<c>requestId</c>, <c>model</c>, <c>version</c>, <c>reason</c>, <c>predictions</c>).</summary>
    public static void Write(IBufferWriter<byte> output, string requestId, ModelManifest manifest, string? reason, TabularPredictions predictions)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        PredictionWriter.Write(writer, requestId, manifest.Name, manifest.Version, reason, predictions);
    }

    private static float[]? Floats(InferenceTensor tensor) => tensor.Data switch
    {
        float[] f => f,
        double[] d => Array.ConvertAll(d, v => (float)v),
        _ => null,
    };

    private static string[] Labels(InferenceTensor tensor) => tensor.Data switch
    {
        string[] s => s,
        _ => [.. tensor.Data.Cast<object>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "")],
    };

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }

    private static InvalidOperationException NoForm(ModelManifest manifest, string wanted) =>
        new($"Model '{manifest.Name}' version {manifest.Version} returned no output with a record form for task '{manifest.Task}' ({wanted}).");
}
