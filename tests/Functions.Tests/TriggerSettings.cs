using System.Text.Json;
using System.Text.RegularExpressions;

namespace Serverless.Functions.Tests;

/// <summary>The app settings a trigger binding refers to: its <c>connection</c>, and every <c>%Setting%</c> in its properties.</summary>
internal static partial class TriggerSettings
{
    public static IEnumerable<string> Named(JsonElement binding)
    {
        foreach (var property in binding.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
        {
            var value = property.Value.GetString()!;
            if (property.NameEquals("connection"))
            {
                yield return value;
            }

            foreach (Match match in Placeholder().Matches(value))
            {
                yield return match.Groups[1].Value;
            }
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Placeholder();
}
