using System.Text.Json;
using Serverless.Testing;

namespace Serverless.Functions.Tests;

/// <summary>The <c>Values</c> of the repository's local.settings.sample.json, the settings a new clone starts from.</summary>
internal static class LocalSettingsSample
{
    public static string Path => System.IO.Path.Combine(RepositoryPaths.Root, "local.settings.sample.json");

    /// <summary>Setting names as written (<c>Section__Key</c>) with their values.</summary>
    public static IReadOnlyDictionary<string, string> Values()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The same values as configuration keys (<c>Section:Key</c>), the way the Functions host reads them.</summary>
    public static Dictionary<string, string?> AsConfiguration() =>
        Values().ToDictionary(p => ToConfigurationKey(p.Key), p => (string?)p.Value, StringComparer.OrdinalIgnoreCase);

    public static string ToConfigurationKey(string settingName) => settingName.Replace("__", ":", StringComparison.Ordinal);

    public static string ToSettingName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);
}
