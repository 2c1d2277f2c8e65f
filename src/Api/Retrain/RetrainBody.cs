using System.Text.Json;
using Serverless.Core.Monitoring.DriftMonitoring;

namespace Serverless.Api.Retrain;

/// <summary>
/// The optional body of <c>POST /api/models/{name}/retrain</c>: <c>{ "spec": {...}, "reason": "manual", "detail": "..." }</c>,
/// every field optional; unknown fields are refused so a typo never goes unnoticed.
/// </summary>
/// <param name="SpecJson">The training spec as JSON; null retrains with the model's last spec on new data.</param>
internal sealed record RetrainBody(string? SpecJson, string Reason, string Detail)
{
    /// <summary>Longest <c>detail</c> accepted (it goes into the approval mail and the audit).</summary>
    public const int MaxDetailLength = 1000;

    public static RetrainBody Default { get; } = new(null, "manual", "");

    /// <summary>Reads the body; the error names the field.</summary>
    public static (RetrainBody? Body, string? Error) Read(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object: { \"spec\"?, \"reason\"?, \"detail\"? }.");
            }

            var body = Default;
            foreach (var field in document.RootElement.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "spec" when field.Value.ValueKind == JsonValueKind.Object:
                        body = body with { SpecJson = field.Value.GetRawText() };
                        break;
                    case "spec" when field.Value.ValueKind == JsonValueKind.Null:
                        break;
                    case "spec":
                        return (null, "'spec' must be a training spec object (docs/training.md), or left out for the model's last spec.");
                    case "reason" when field.Value.ValueKind == JsonValueKind.String && RetrainRequest.Reasons.Contains(field.Value.GetString()):
                        body = body with { Reason = field.Value.GetString()! };
                        break;
                    case "reason":
                        return (null, $"'reason' must be one of {string.Join(", ", RetrainRequest.Reasons)}.");
                    case "detail" when field.Value.ValueKind == JsonValueKind.String && field.Value.GetString()!.Length <= MaxDetailLength:
                        body = body with { Detail = field.Value.GetString()! };
                        break;
                    case "detail":
                        return (null, $"'detail' must be a string of at most {MaxDetailLength} characters.");
                    default:
                        return (null, $"'{field.Name}' is not a field of a retrain request (spec, reason, detail).");
                }
            }

            return (body, null);
        }
    }
}
