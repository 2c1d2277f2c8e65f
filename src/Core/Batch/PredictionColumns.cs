using System.Buffers;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Core.Batch;

/// <summary>
/// The columns appended to every scored row. Classification: <c>prediction_label</c>, then
/// <c>prediction_probability_{class}</c> per class of the manifest; regression: <c>prediction_value</c>;
/// both end with <c>prediction_model_version</c>. Thread-safe after construction except for the label caches,
/// which only the single writer of a file touches.
/// </summary>
internal sealed class PredictionColumns
{
    private readonly Dictionary<string, byte[]> _csvLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _jsonLabels = new(StringComparer.Ordinal);
    private readonly byte[][] _jsonNames;
    private readonly int _classes;

    private PredictionColumns(ModelTask task, IReadOnlyList<string> names, int classes, int version)
    {
        Task = task;
        Names = names;
        _classes = classes;
        ModelVersion = version;
        _jsonNames = names.Select(n => JsonEncodedText.Encode(n).EncodedUtf8Bytes.ToArray()).ToArray();
    }

    public ModelTask Task { get; }

    public IReadOnlyList<string> Names { get; }

    public int ModelVersion { get; }

    /// <summary>Classes with a probability column (0 for regression).</summary>
    public int ClassCount => _classes;

    /// <exception cref="BatchFileException">The model's outputs are not tabular predictions.</exception>
    public static PredictionColumns For(ModelManifest manifest)
    {
        switch (manifest.Task)
        {
            case ModelTask.Classification:
                var labels = manifest.ClassLabels ?? [];
                var names = new List<string>(labels.Count + 2) { "prediction_label" };
                names.AddRange(labels.Select(l => "prediction_probability_" + l));
                names.Add("prediction_model_version");
                return new PredictionColumns(ModelTask.Classification, names, labels.Count, manifest.Version);
            case ModelTask.Regression:
                return new PredictionColumns(ModelTask.Regression, ["prediction_value", "prediction_model_version"], 0, manifest.Version);
            default:
                throw new BatchFileException(
                    $"Model '{manifest.Name}' version {manifest.Version} returns raw tensors, not predictions; it cannot score files.");
        }
    }

    /// <summary>Writes <c>,v1,v2,...</c> for one row.</summary>
    public void WriteCsv(IBufferWriter<byte> output, TabularPredictions predictions, int row)
    {
        if (Task == ModelTask.Classification)
        {
            Utf8Text.Write(output, (byte)',');
            var label = predictions.Labels![row];
            if (!_csvLabels.TryGetValue(label, out var bytes))
            {
                _csvLabels[label] = bytes = Utf8Text.CsvField(label);
            }

            Utf8Text.Write(output, bytes);
            var probabilities = Probabilities(predictions, row);
            for (var c = 0; c < _classes; c++)
            {
                Utf8Text.Write(output, (byte)',');
                WriteCsvNumber(output, probabilities[c]);
            }
        }
        else
        {
            Utf8Text.Write(output, (byte)',');
            WriteCsvNumber(output, predictions.Values![row]);
        }

        Utf8Text.Write(output, (byte)',');
        Utf8Text.Write(output, ModelVersion);
    }

    /// <summary>Writes <c>"name":value,...</c> for one row, preceded by a comma when <paramref name="leadingComma"/>.</summary>
    public void WriteJson(IBufferWriter<byte> output, TabularPredictions predictions, int row, bool leadingComma)
    {
        var column = 0;
        if (Task == ModelTask.Classification)
        {
            WriteName(output, column++, leadingComma);
            var label = predictions.Labels![row];
            if (!_jsonLabels.TryGetValue(label, out var bytes))
            {
                _jsonLabels[label] = bytes = JsonSerializer.SerializeToUtf8Bytes(label);
            }

            Utf8Text.Write(output, bytes);
            var probabilities = Probabilities(predictions, row);
            for (var c = 0; c < _classes; c++)
            {
                WriteName(output, column++, true);
                WriteJsonNumber(output, probabilities[c]);
            }
        }
        else
        {
            WriteName(output, column++, leadingComma);
            WriteJsonNumber(output, predictions.Values![row]);
        }

        WriteName(output, column, true);
        Utf8Text.Write(output, ModelVersion);
    }

    /// <summary>One row's probabilities in the manifest's class order.</summary>
    /// <exception cref="InvalidOperationException">The model returned another number of classes than its manifest lists.</exception>
    public ReadOnlySpan<float> Probabilities(TabularPredictions predictions, int row)
    {
        if (_classes == 0)
        {
            return [];
        }

        var width = predictions.ClassLabels?.Count ?? _classes;
        if (width != _classes || predictions.Probabilities is null)
        {
            throw new InvalidOperationException(
                $"The model returned {width} probability columns; its manifest lists {_classes} class labels.");
        }

        return predictions.Probabilities.AsSpan(row * width, width);
    }

    private void WriteName(IBufferWriter<byte> output, int column, bool leadingComma)
    {
        Utf8Text.Write(output, leadingComma ? ",\""u8 : "\""u8);
        Utf8Text.Write(output, _jsonNames[column]);
        Utf8Text.Write(output, "\":"u8);
    }

    // Empty is CSV's missing value; NaN would not read back as a number in most tools.
    private static void WriteCsvNumber(IBufferWriter<byte> output, float value)
    {
        if (float.IsFinite(value))
        {
            Utf8Text.Write(output, value);
        }
    }

    // JSON has no NaN or infinity.
    private static void WriteJsonNumber(IBufferWriter<byte> output, float value)
    {
        if (float.IsFinite(value))
        {
            Utf8Text.Write(output, value);
        }
        else
        {
            Utf8Text.Write(output, "null"u8);
        }
    }
}
