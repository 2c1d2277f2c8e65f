using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Functions.Hosting;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Hosting;

/// <summary>local.settings.sample.json against what the function app reads: every setting it reads, and nothing else.</summary>
public partial class FunctionsAppServiceCollectionExtensionsTests
{
    /// <summary>Read by the Functions host itself to pick the worker; no code of ours reads it.</summary>
    private const string WorkerRuntimeSetting = "FUNCTIONS_WORKER_RUNTIME";

    [Fact]
    public void AddFunctionsApp_EverySettingItReads_IsInTheSample()
    {
        var sample = LocalSettingsSample.Values();

        var missing = SettingsRead().Where(key => !IsInSample(sample, key)).ToList();

        Assert.True(missing.Count == 0, "Read but not in local.settings.sample.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void AddFunctionsApp_EverySampleSetting_IsReadByTheApp()
    {
        var read = SettingsRead().Select(LocalSettingsSample.ToSettingName)
            .Concat(HostJsonSettings())
            .Concat(TriggerConnectionSettings())
            .Append(WorkerRuntimeSetting)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unread = LocalSettingsSample.Values().Keys.Where(k => !read.Contains(k)).ToList();

        Assert.True(unread.Count == 0, "In local.settings.sample.json but read by nothing: " + string.Join(", ", unread));
    }

    [Fact]
    public void HostJson_TaskHubAndRoutePrefix_AsBothHostsExpect()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");

        Assert.Equal("", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        var hub = Assert.Single(SettingPlaceholder().Matches(extensions.GetProperty("durableTask").GetProperty("hubName").GetString()!));
        Assert.Contains(hub.Groups[1].Value, LocalSettingsSample.Values().Keys);
        Assert.True(TimeSpan.TryParse(host.RootElement.GetProperty("functionTimeout").GetString(), out var timeout) && timeout > TimeSpan.Zero);
    }

    /// <summary>
    /// The keys the app reads when it starts with the sample's values: its registrations are made, every options type
    /// it configures is resolved and every function class is created, as the worker does on its first invocations.
    /// </summary>
    private static IReadOnlyCollection<string> SettingsRead()
    {
        var recording = new RecordingConfigurationProvider(LocalSettingsSample.AsConfiguration());
        var configuration = new ConfigurationBuilder().Add(recording).Build();
        var services = new ServiceCollection().AddLogging().AddFunctionsApp(configuration);
        using var provider = services.BuildServiceProvider();

        var optionTypes = services.Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => t.Assembly.GetName().Name!.StartsWith("Serverless.", StringComparison.Ordinal))
            .Distinct();
        foreach (var type in optionTypes)
        {
            _ = ((IOptions<object>)provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type))).Value;
        }

        foreach (var type in FunctionClasses())
        {
            ActivatorUtilities.CreateInstance(provider, type);
        }

        return recording.Read;
    }

    /// <summary>Every class with a [Function] method that the worker instantiates per invocation (static classes it does not).</summary>
    internal static IEnumerable<Type> FunctionClasses() =>
        typeof(FunctionsAppServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => !(t.IsAbstract && t.IsSealed))
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));

    /// <summary>A key is in the sample as a setting, or as the section of settings (the binder reads "Scoring" before "Scoring:MaxRequestBytes").</summary>
    private static bool IsInSample(IReadOnlyDictionary<string, string> sample, string key)
    {
        var name = LocalSettingsSample.ToSettingName(key);
        return sample.ContainsKey(name) || sample.Keys.Any(k => k.StartsWith(name + "__", StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> HostJsonSettings() =>
        SettingPlaceholder().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json"))).Select(m => m.Groups[1].Value);

    private static IEnumerable<string> TriggerConnectionSettings()
    {
        var metadata = FunctionsMetadata.Load();
        return metadata.Functions.SelectMany(f => f.Bindings).SelectMany(TriggerSettings.Named);
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingPlaceholder();
}
