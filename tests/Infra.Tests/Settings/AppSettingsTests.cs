using System.Text.Json.Nodes;
using Serverless.Infra.Tests.Bicep;

namespace Serverless.Infra.Tests.Settings;

/// <summary>
/// The function app's settings in main.bicep against what the code reads (local.settings.sample.json), both ways.
/// Add a setting to the code and the sample, and this fails until main.bicep sets it; remove one, and it fails
/// until main.bicep stops setting it.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class AppSettingsTests(BicepBuild bicep)
{
    private JsonObject Settings => CompiledMain.Parameter(bicep.Main, "functionApp", "appSettings").AsObject();

    [Fact]
    public void AppSettings_EverySettingTheCodeReads_IsSet()
    {
        var set = Settings.Select(p => p.Key).ToHashSet();
        var missing = SettingSources.Sample.Keys
            .Where(key => key != "FUNCTIONS_WORKER_RUNTIME")
            .Where(key => !set.Contains(key) && !set.Contains(key + "__accountName") && !set.Contains(key + "__blobServiceUri"))
            .ToList();

        Assert.True(missing.Count == 0, "main.bicep (functionApp appSettings) does not set: " + string.Join(", ", missing));
    }

    [Fact]
    public void AppSettings_EverySettingSet_IsRead()
    {
        var unread = Settings.Select(p => p.Key).Where(key => !SettingSources.IsRead(key)).ToList();

        Assert.True(unread.Count == 0, "main.bicep sets settings nothing reads: " + string.Join(", ", unread));
    }

    [Fact]
    public void AppSettings_IdentityConnections_UseTheManagedIdentity()
    {
        var connections = Settings.Select(p => p.Key).Where(k => k.EndsWith("__accountName", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(connections);
        foreach (var account in connections)
        {
            var setting = SettingSources.ConfiguredSetting(account);
            Assert.Equal("managedidentity", Settings[setting + "__credential"]?.GetValue<string>());
            Assert.NotNull(Settings[setting + "__clientId"]);
            Assert.False(Settings.ContainsKey(setting), $"{setting} is set as a connection string next to its identity settings");
        }
    }

    [Fact]
    public void FunctionApp_WorkerRuntime_IsTheSampleRuntimeInFunctionAppConfig()
    {
        // Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME as an app setting: the runtime lives in functionAppConfig.
        Assert.False(Settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        var site = CompiledMain.ModuleResources(bicep.Main, "functionApp").Single(r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites");
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal(SettingSources.Sample["FUNCTIONS_WORKER_RUNTIME"], runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());
    }

    [Fact]
    public void HostSettings_EveryEntry_IsSetAndNotInTheSample()
    {
        foreach (var key in SettingSources.HostSettings)
        {
            Assert.True(Settings.ContainsKey(key), $"host-settings.json lists {key}, which main.bicep does not set");
            Assert.False(SettingSources.Sample.ContainsKey(key), $"{key} is read by our code (it is in the sample): remove it from host-settings.json");
        }
    }

    [Fact]
    public void GpuServing_EveryVariable_IsReadByGpuServing()
    {
        // Before src/GpuServing exists the app runs the placeholder image: its variables must still be the shared ones.
        var reads = SettingSources.ProjectSettings("GpuServing");
        var unread = CompiledMain.EnvironmentNames(bicep.Main, "gpuServing")
            .Where(name => reads is null ? !SettingSources.IsRead(name) : !SettingSources.ProjectReads(reads, name))
            .ToList();

        Assert.True(unread.Count == 0, "gpuServing sets variables GpuServing does not read: " + string.Join(", ", unread));
    }

    [Fact]
    public void TrainingJob_EveryVariable_IsRead()
    {
        var reads = SettingSources.ProjectSettings("Training");
        var unread = CompiledMain.EnvironmentNames(bicep.Main, "trainingJob")
            .Where(name => !SettingSources.IsRead(name) && (reads is null || !SettingSources.ProjectReads(reads, name)))
            .ToList();

        Assert.True(unread.Count == 0, "trainingJob sets variables nothing reads: " + string.Join(", ", unread));
    }

    [Fact]
    public void IsRead_IdentitySuffixOfAnUnknownSetting_IsFalse()
    {
        Assert.True(SettingSources.IsRead("AzureWebJobsStorage__clientId"));
        Assert.False(SettingSources.IsRead("NoSuchConnection__accountName"));
        Assert.False(SettingSources.IsRead("NoSuchSetting"));
    }
}
