using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>
/// Reads one label object, <c>{ "requestId": "...", "index": 0, "label": "yes" | 1.5 | true }</c> (<c>index</c> optional),
/// the same in a request body and in a bulk file line.
/// </summary>
public static class FeedbackLabelParser
{
    public static bool TryParse(JsonElement element, [NotNullWhen(true)] out FeedbackLabel? label, [NotNullWhen(false)] out string? error)
    {
        label = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "each label must be an object { \"requestId\", \"index\"?, \"label\" }";
            return false;
        }

        if (!element.TryGetProperty("requestId", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 128 } requestId)
        {
            error = "'requestId' must be a string of 1-128 characters";
            return false;
        }

        var index = 0;
        if (element.TryGetProperty("index", out var i) && (i.ValueKind != JsonValueKind.Number || !i.TryGetInt32(out index) || index < 0))
        {
            error = $"'index' of '{requestId}' must be a non-negative integer";
            return false;
        }

        if (!element.TryGetProperty("label", out var value) || LabelText(value) is not { Length: > 0 and <= 256 } text)
        {
            error = $"'label' of '{requestId}' must be a string (1-256 characters), a number or a boolean";
            return false;
        }

        label = new FeedbackLabel(requestId, index, text);
        error = null;
        return true;
    }

    /// <summary>A label value as text: a string as is, a number as written, a boolean as true/false; null for anything else.</summary>
    public static string? LabelText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
