using Serverless.Infra.Tests.Bicep;

namespace Serverless.Infra.Tests.Settings;

/// <summary>Every container, table and queue the code names in a setting is created by main.bicep's storage module,
/// from that same setting (main.bicep reads the sample's values with loadJsonContent).</summary>
[Collection(BicepCollection.Name)]
public sealed class StorageLayoutTests(BicepBuild bicep)
{
    [Theory]
    [InlineData("Container", "containers")]
    [InlineData("Table", "tables")]
    [InlineData("Queue", "queues")]
    public void Storage_EveryNamedResourceSetting_IsCreated(string suffix, string parameter)
    {
        var created = CompiledMain.Text(CompiledMain.Parameter(bicep.Main, "storage", parameter));
        var missing = SettingSources.Sample.Keys
            .Where(key => key.EndsWith(suffix, StringComparison.Ordinal))
            .Where(key => !created.Contains($".{key}", StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, $"storage module's {parameter} does not create: " + string.Join(", ", missing));
    }

    [Fact]
    public void Storage_TaskHub_IsTheHubTheAppUses()
    {
        var hub = CompiledMain.Parameter(bicep.Main, "functionApp", "appSettings")["DurableTaskHubName"]!.GetValue<string>();
        var tables = CompiledMain.Text(CompiledMain.Parameter(bicep.Main, "storage", "tables"));

        Assert.StartsWith("[parameters('", hub, StringComparison.Ordinal);
        var expression = hub[1..^1];
        foreach (var table in new[] { "History", "Instances", "Partitions" })
        {
            Assert.Contains($"format('{{0}}{table}', {expression})", tables, StringComparison.Ordinal);
        }

        // Queues: one control queue per partition (host.json's count, read by main.bicep) and the work-item queue.
        var queues = CompiledMain.Text(CompiledMain.Parameter(bicep.Main, "storage", "queues"));
        Assert.Contains("range(0, variables('partitionCount'))", queues, StringComparison.Ordinal);
        Assert.Contains("'{0}-control-{1}'", queues, StringComparison.Ordinal);
        Assert.Contains("'{0}-workitems'", queues, StringComparison.Ordinal);
    }

    [Fact]
    public void EventGrid_EveryBlobTrigger_HasASubscription()
    {
        var triggers = SettingSources.BlobTriggers();
        Assert.NotEmpty(triggers);
        Assert.All(triggers, t => Assert.True(t.EventGrid, $"{t.Function}: Flex Consumption needs Source = BlobTriggerSource.EventGrid"));
        var subscribed = CompiledMain.Parameter(bicep.Main, "eventGrid", "blobTriggers").AsArray()
            .Select(t => (t!["function"]!.GetValue<string>(), t["container"]!.GetValue<string>()))
            .ToHashSet();

        Assert.Equal(triggers.Select(t => (t.Function, t.Container)).ToHashSet(), subscribed);
    }
}
