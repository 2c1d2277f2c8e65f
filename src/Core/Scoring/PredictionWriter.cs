using System.Text.Json;

namespace Serverless.Core.Scoring;

/// <summary>
/// Writes <c>{ "requestId", "model", "version", "reason", "predictions": [ ... ] }</c> with <see cref="Utf8JsonWriter"/>.
/// Classification rows are <c>{ "label", "probabilities": { class: p } }</c>, regression rows
/// <c>{ "value" }</c>; a non-finite value (JSON has none) is written as null. Stateless; thread-safe.
/// </summary>
internal static partial class PredictionWriter
{
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText Predictions = JsonEncodedText.Encode("predictions");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Probabilities = JsonEncodedText.Encode("probabilities");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");

    public static void Write(Utf8JsonWriter writer, string requestId, string model, int version, string? reason, TabularPredictions predictions)
    {
        WriteHeader(writer, requestId, model, version, reason);
        writer.WriteStartArray(Predictions);
        for (var r = 0; r < predictions.Rows; r++)
        {
            writer.WriteStartObject();
            WriteOutputs(writer, predictions, r);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Opens the response object and writes who answered.</summary>
    private static void WriteHeader(Utf8JsonWriter writer, string requestId, string model, int version, string? reason)
    {
        writer.WriteStartObject();
        writer.WriteString(RequestId, requestId);
        writer.WriteString(Model, model);
        writer.WriteNumber(Version, version);
        if (reason is not null)
        {
            writer.WriteString(Reason, reason);
        }
    }

    /// <summary>One row's outputs inside its object: <c>value</c>, or <c>label</c> and <c>probabilities</c>.</summary>
    private static void WriteOutputs(Utf8JsonWriter writer, TabularPredictions predictions, int r)
    {
        if (predictions.Values is { } values)
        {
            writer.WritePropertyName(Value);
            WriteFloat(writer, values[r]);
            return;
        }

        writer.WriteString(Label, predictions.Labels![r]);
        var columns = predictions.ClassLabels;
        if (predictions.Probabilities is { } probabilities && columns is not null)
        {
            var width = columns.Count;
            writer.WriteStartObject(Probabilities);
            for (var c = 0; c < width; c++)
            {
                writer.WritePropertyName(columns[c]);
                WriteFloat(writer, probabilities[r * width + c]);
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
