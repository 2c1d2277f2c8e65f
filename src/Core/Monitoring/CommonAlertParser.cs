using System.Text.Json;

namespace Serverless.Core.Monitoring;

/// <summary>
/// Reads Azure Monitor's common alert schema (<c>schemaId: azureMonitorCommonAlertSchema</c>): metric, log search and
/// activity log alerts alike. Only what routing acts on is read; everything else is ignored, so new fields never break it.
/// </summary>
public static class CommonAlertParser
{
    public const string SchemaId = "azureMonitorCommonAlertSchema";

    /// <summary>The alert, or null and why the payload is refused (the webhook answers 400).</summary>
    public static CommonAlert? TryParse(ReadOnlySpan<byte> utf8Json, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "schemaId") != SchemaId)
            {
                return Fail($"schemaId must be '{SchemaId}'.", out error);
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("essentials", out var essentials) || essentials.ValueKind != JsonValueKind.Object)
            {
                return Fail("data.essentials is required.", out error);
            }

            if (Text(essentials, "alertId") is not { Length: > 0 and <= 1024 } alertId)
            {
                return Fail("data.essentials.alertId is required (at most 1024 characters).", out error);
            }

            var fired = Text(essentials, "monitorCondition") switch
            {
                "Fired" => true,
                "Resolved" => false,
                _ => (bool?)null,
            };
            if (fired is null)
            {
                return Fail("data.essentials.monitorCondition must be 'Fired' or 'Resolved'.", out error);
            }

            error = null;
            return new CommonAlert(alertId, Text(essentials, "alertRule") ?? "", fired.Value, Text(essentials, "signalType") ?? "", ModelOf(data));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return Fail($"The body is not valid JSON: {e.Message}", out error);
        }
    }

    private static string? ModelOf(JsonElement data)
    {
        if (data.TryGetProperty("customProperties", out var custom) && custom.ValueKind == JsonValueKind.Object && Text(custom, "model") is { Length: > 0 } model)
        {
            return model;
        }

        if (data.TryGetProperty("alertContext", out var context) && context.ValueKind == JsonValueKind.Object
            && context.TryGetProperty("condition", out var condition) && condition.ValueKind == JsonValueKind.Object
            && condition.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
        {
            foreach (var criterion in allOf.EnumerateArray())
            {
                if (criterion.ValueKind == JsonValueKind.Object && criterion.TryGetProperty("dimensions", out var dimensions) && dimensions.ValueKind == JsonValueKind.Array)
                {
                    foreach (var dimension in dimensions.EnumerateArray())
                    {
                        if (dimension.ValueKind == JsonValueKind.Object && string.Equals(Text(dimension, "name"), "model", StringComparison.OrdinalIgnoreCase)
                            && Text(dimension, "value") is { Length: > 0 } value)
                        {
                            return value;
                        }
                    }
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static CommonAlert? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
