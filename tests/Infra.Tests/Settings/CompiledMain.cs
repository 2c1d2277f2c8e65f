using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests.Settings;

/// <summary>Reads what the compiled <c>main.json</c> passes to its modules.</summary>
public static class CompiledMain
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A module's parameter value as compiled (literals, or ARM expressions in <c>[...]</c>); for a value
    /// built by a loop, the loop (<c>copy</c>) itself.</summary>
    public static JsonNode Parameter(JsonObject main, string module, string parameter)
    {
        var node = main["resources"]![module]?["properties"]?["parameters"]?[parameter]
            ?? throw new InvalidOperationException($"main.bicep has no module '{module}' with parameter '{parameter}'.");
        return node["value"] ?? node;
    }

    /// <summary>A compiled value as text with ARM expressions readable (no JSON escaping of quotes).</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Unescaped);

    /// <summary>The template a module deploys (its resources keyed by symbolic name or listed).</summary>
    public static IEnumerable<JsonObject> ModuleResources(JsonObject main, string module)
    {
        var resources = main["resources"]![module]!["properties"]!["template"]!["resources"]!;
        return resources is JsonArray list
            ? list.Select(r => r!.AsObject())
            : resources.AsObject().Select(p => p.Value!.AsObject());
    }

    /// <summary>The names of a module's <c>{ name, value }[]</c> environment parameter.</summary>
    public static IEnumerable<string> EnvironmentNames(JsonObject main, string module) =>
        Parameter(main, module, "env").AsArray().Select(e => e!["name"]!.GetValue<string>());
}
