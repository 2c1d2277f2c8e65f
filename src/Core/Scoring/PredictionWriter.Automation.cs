using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Scoring.Automation;

namespace Serverless.Core.Scoring;

internal static partial class PredictionWriter
{
    private static readonly JsonEncodedText Automation = JsonEncodedText.Encode("automation");
    private static readonly JsonEncodedText ReviewThreshold = JsonEncodedText.Encode("reviewThreshold");
    private static readonly JsonEncodedText Records = JsonEncodedText.Encode("records");
    private static readonly JsonEncodedText NeedsReview = JsonEncodedText.Encode("needs_review");
    private static readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
    private static readonly JsonEncodedText Explanation = JsonEncodedText.Encode("explanation");
    private static readonly JsonEncodedText Feature = JsonEncodedText.Encode("feature");
    private static readonly JsonEncodedText Baseline = JsonEncodedText.Encode("baseline");
    private static readonly JsonEncodedText Contribution = JsonEncodedText.Encode("contribution");

    /// <summary>
    /// The response below full automation, always with <c>automation</c> naming the level:
    /// <list type="bullet">
    /// <item><c>human</c>, <c>shadow</c>: no predictions (they are not decisions), only <c>records</c> (how many were scored
    /// and logged under the request id); <c>human</c> adds <c>needs_review: true</c> (every record is queued).</item>
    /// <item><c>assist</c>: each prediction with <c>confidence</c> and <c>explanation</c> (<see cref="FeatureContribution"/>s).</item>
    /// <item><c>partial</c>: <c>reviewThreshold</c>, and each prediction with <c>confidence</c> and <c>needs_review</c>.</item>
    /// </list>
    /// </summary>
    public static void Write(
        Utf8JsonWriter writer, string requestId, string model, int version, string? reason, TabularPredictions predictions,
        ModelAutomation automation, bool[]? review, FeatureContribution[][]? explanations)
    {
        WriteHeader(writer, requestId, model, version, reason);
        writer.WriteString(Automation, ModelAutomation.Name(automation.Level));
        if (automation.Level is AutomationLevel.Human or AutomationLevel.Shadow)
        {
            writer.WriteNumber(Records, predictions.Rows);
            if (automation.Level == AutomationLevel.Human)
            {
                writer.WriteBoolean(NeedsReview, true);
            }
        }
        else
        {
            if (automation.ReviewThreshold is double threshold)
            {
                writer.WriteNumber(ReviewThreshold, threshold);
            }

            writer.WriteStartArray(Predictions);
            for (var r = 0; r < predictions.Rows; r++)
            {
                writer.WriteStartObject();
                WriteOutputs(writer, predictions, r);
                if (ReviewDecisions.Confidence(predictions, r) is float confidence)
                {
                    writer.WritePropertyName(Confidence);
                    WriteFloat(writer, confidence);
                }

                if (automation.Level == AutomationLevel.Partial)
                {
                    writer.WriteBoolean(NeedsReview, review?[r] ?? false);
                }

                if (explanations is not null)
                {
                    WriteExplanation(writer, explanations[r]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteExplanation(Utf8JsonWriter writer, FeatureContribution[] contributions)
    {
        writer.WriteStartArray(Explanation);
        foreach (var c in contributions)
        {
            writer.WriteStartObject();
            writer.WriteString(Feature, c.Feature);
            writer.WritePropertyName(Value);
            WriteFieldValue(writer, c.Value);
            writer.WritePropertyName(Baseline);
            WriteFieldValue(writer, c.Baseline);
            writer.WriteNumber(Contribution, c.Contribution);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>A decoded field value (<see cref="FeatureEncoder.Decode"/>): number, category, boolean or null.</summary>
    internal static void WriteFieldValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
