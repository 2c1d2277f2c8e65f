using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Serverless.Testing;

namespace Serverless.Infra.Tests.Settings;

/// <summary>
/// What the code reads and what the Bicep sets, both read from the files at test time: nothing here repeats a list
/// of settings. The code side is <c>local.settings.sample.json</c> (a test of the Functions app keeps it equal to
/// what the code reads) plus <c>infra/bicep/host-settings.json</c> (settings the Functions host reads, not our code).
/// </summary>
public static partial class SettingSources
{
    /// <summary>Suffixes of an identity-based connection (<c>AzureWebJobsStorage__accountName</c>, ...): the Functions
    /// host's and <c>StorageConnection</c>'s way to configure a connection setting without a secret.</summary>
    public static readonly string[] IdentitySuffixes =
        ["__accountName", "__blobServiceUri", "__queueServiceUri", "__tableServiceUri", "__credential", "__clientId"];

    public static IReadOnlyDictionary<string, string> Sample { get; } = ReadSample();

    public static IReadOnlySet<string> HostSettings { get; } = ReadHostSettings();

    /// <summary>The setting a Bicep key configures: <c>X__accountName</c> configures <c>X</c>, anything else itself.</summary>
    public static string ConfiguredSetting(string bicepKey) =>
        IdentitySuffixes.FirstOrDefault(bicepKey.EndsWith) is { } suffix ? bicepKey[..^suffix.Length] : bicepKey;

    /// <summary>Whether the code or the host reads a key the Bicep sets.</summary>
    public static bool IsRead(string bicepKey) =>
        Sample.ContainsKey(ConfiguredSetting(bicepKey)) || HostSettings.Contains(bicepKey);

    /// <summary>
    /// Settings a project reads: its <c>appsettings.json</c> keys (sections joined by <c>__</c>, as environment
    /// variables name them) and the names its source reads directly (<c>Configuration["NAME"]</c>). Null when the
    /// project does not exist.
    /// </summary>
    public static IReadOnlySet<string>? ProjectSettings(string project)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "src", project);
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var appSettings = Path.Combine(directory, "appsettings.json");
        if (File.Exists(appSettings))
        {
            Flatten(JsonNode.Parse(File.ReadAllText(appSettings))!, "", keys);
        }

        foreach (var file in Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match read in ConfigurationIndexer().Matches(File.ReadAllText(file)))
            {
                keys.Add(read.Groups["name"].Value.Replace(":", "__", StringComparison.Ordinal));
            }
        }

        return keys;
    }

    /// <summary>Whether a project reads an environment variable: itself, or as an identity-based connection.</summary>
    public static bool ProjectReads(IReadOnlySet<string> settings, string variable) =>
        settings.Contains(variable) || settings.Contains(ConfiguredSetting(variable));

    /// <summary>
    /// Blob-triggered functions in <c>src/Functions</c> (name, container of the trigger path, whether its source is
    /// Event Grid), read from the trigger attributes in the source.
    /// </summary>
    public static IReadOnlyList<(string Function, string Container, bool EventGrid)> BlobTriggers()
    {
        var triggers = new List<(string, string, bool)>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "Functions"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match function in FunctionWithBlobTrigger().Matches(text))
            {
                triggers.Add((function.Groups["name"].Value, function.Groups["container"].Value,
                    function.Groups["args"].Value.Contains("BlobTriggerSource.EventGrid", StringComparison.Ordinal)));
            }
        }

        return triggers;
    }

    private static Dictionary<string, string> ReadSample()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!;
        return sample["Values"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    private static HashSet<string> ReadHostSettings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "bicep", "host-settings.json")))!;
        return host.AsObject().Select(p => p.Key).Where(k => !k.StartsWith('$')).ToHashSet();
    }

    private static void Flatten(JsonNode node, string prefix, HashSet<string> keys)
    {
        if (node is JsonObject section)
        {
            foreach (var (name, child) in section)
            {
                var key = prefix.Length == 0 ? name : $"{prefix}__{name}";
                keys.Add(key);
                if (child is not null)
                {
                    Flatten(child, key, keys);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                keys.Add($"{prefix}__{i}");
            }
        }
    }

    [GeneratedRegex("""Configuration\[\s*"(?<name>[^"]+)"\s*\]""")]
    private static partial Regex ConfigurationIndexer();

    // [Function("Name")] followed, within the same method signature, by [BlobTrigger("container/...", ...)].
    [GeneratedRegex("""\[Function\("(?<name>[^"]+)"\)\][^{;]*?\[BlobTrigger\("(?<container>[^/"]+)/[^"]*"(?<args>[^\]]*)\]""", RegexOptions.Singleline)]
    private static partial Regex FunctionWithBlobTrigger();
}
