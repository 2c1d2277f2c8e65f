using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.Core.Tests.Monitoring.DriftMonitoring;

/// <summary>The drift monitor on real Azurite windows and check table, with hand-written notifier and retrain doubles.</summary>
public class DriftMonitorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private sealed class Notifier : IDriftNotifier
    {
        public List<DriftCheck> Told { get; } = [];

        public Exception? Failure { get; set; }

        public Task NotifyAsync(DriftCheck check, CancellationToken cancellationToken)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            lock (Told)
            {
                Told.Add(check);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class Retrainer : IRetrainStarter
    {
        public List<(string Id, RetrainRequest Request)> Started { get; } = [];

        public Task<string> StartAsync(RetrainRequest request, CancellationToken cancellationToken)
        {
            var instanceId = RetrainRequest.InstanceId(request.Model);
            lock (Started)
            {
                Started.Add((instanceId, request));
            }

            return Task.FromResult(instanceId);
        }
    }

    private sealed record Parts(ManualTimeProvider Time, WindowStore Windows, DriftCheckStore Checks, Notifier Notifier, Func<DriftMonitor> Monitor);

    private Parts Create(DriftPolicy policy)
    {
        var time = new ManualTimeProvider();
        var registry = new InMemoryModelRegistry();
        registry.Put(MonitoringTestData.Manifest());
        var tables = new TableServiceClient(azurite.ConnectionString);
        var windows = new WindowStore(tables, Options.Create(new MonitoringOptions { WindowTable = AzuriteFixture.UniqueName("windows") }));
        var drift = Options.Create(new DriftOptions { Policy = policy, Table = AzuriteFixture.UniqueName("drift"), Cooldown = TimeSpan.FromHours(6) });
        var checks = new DriftCheckStore(tables, drift);
        var notifier = new Notifier();
        return new Parts(time, windows, checks, notifier,
            () => new DriftMonitor(registry, windows, checks, notifier, time, drift, NullLogger<DriftMonitor>.Instance));
    }

    /// <summary>Writes a window 5 minutes before now: <paramref name="rows"/> rows of the given age (training: 30/40/30% at edges 30, 50).</summary>
    private static async Task WriteWindowAsync(Parts parts, float age, int rows)
    {
        var recorder = MonitoringTestData.Recorder(parts.Time);
        for (var i = 0; i < rows; i++)
        {
            MonitoringTestData.Record(recorder, MonitoringTestData.Manifest(), (age, i % 2, 0.3f));
        }

        var minute = WindowKey.MinuteOf(parts.Time.GetUtcNow());
        parts.Time.Advance(TimeSpan.FromMinutes(5));
        await parts.Windows.WriteAsync(new WindowKey("churn", 1, minute), "test", recorder.Recent("churn", 1)!);
    }

    [Fact]
    public async Task RunAsync_ShiftedWindowNotifyPolicy_NotifiesOncePerCooldownAndRecordsEveryCheck()
    {
        var parts = Create(DriftPolicy.Notify);
        await WriteWindowAsync(parts, age: 85, rows: 200); // every row in the top bin: PSI on age far above 0.25
        var retrain = new Retrainer();

        var first = Assert.Single(await parts.Monitor().RunAsync(retrain));
        parts.Time.Advance(TimeSpan.FromMinutes(5));
        var second = Assert.Single(await parts.Monitor().RunAsync(retrain));

        Assert.Equal((DriftLevel.Act, DriftAction.Notified), (first.Level, first.Action));
        Assert.Contains("age PSI", first.Detail, StringComparison.Ordinal);
        Assert.Equal((DriftLevel.Act, DriftAction.Cooldown), (second.Level, second.Action));
        Assert.Single(parts.Notifier.Told);
        Assert.Empty(retrain.Started); // notify policy never retrains
        var recorded = await parts.Checks.ReadAsync("churn", DateTimeOffset.UnixEpoch, parts.Time.GetUtcNow().AddMinutes(1));
        Assert.Equal([DriftAction.Notified, DriftAction.Cooldown], recorded.Select(c => c.Action));
    }

    [Fact]
    public async Task RunAsync_RetrainPolicyAfterCooldown_StartsRetrainWithReasonDriftAgain()
    {
        var parts = Create(DriftPolicy.Retrain);
        await WriteWindowAsync(parts, age: 85, rows: 200);
        var retrain = new Retrainer();

        var first = Assert.Single(await parts.Monitor().RunAsync(retrain));
        parts.Time.Advance(TimeSpan.FromMinutes(30));
        await WriteWindowAsync(parts, age: 85, rows: 200); // still drifting, inside the cooldown
        var inCooldown = Assert.Single(await parts.Monitor().RunAsync(retrain));
        parts.Time.Advance(TimeSpan.FromHours(6));
        await WriteWindowAsync(parts, age: 85, rows: 200);
        var after = Assert.Single(await parts.Monitor().RunAsync(retrain));

        Assert.Equal([DriftAction.RetrainStarted, DriftAction.Cooldown, DriftAction.RetrainStarted], new[] { first, inCooldown, after }.Select(c => c.Action));
        Assert.Equal(2, retrain.Started.Count);
        Assert.All(retrain.Started, s => Assert.Equal(("churn", "drift", 1), (s.Request.Model, s.Request.Reason, s.Request.Version)));
        Assert.Equal(first.Retrain, retrain.Started[0].Id);
    }

    [Fact]
    public async Task RunAsync_StableOrTooFewRows_DoesNothing()
    {
        var parts = Create(DriftPolicy.Retrain);
        var retrain = new Retrainer();
        var empty = Assert.Single(await parts.Monitor().RunAsync(retrain));
        await WriteWindowAsync(parts, age: 85, rows: 50); // below MinimumRows

        var few = Assert.Single(await parts.Monitor().RunAsync(retrain));

        Assert.Equal((DriftLevel.InsufficientData, DriftAction.None), (empty.Level, empty.Action));
        Assert.Equal((DriftLevel.InsufficientData, DriftAction.None), (few.Level, few.Action));
        Assert.Empty(retrain.Started);
        Assert.Empty(parts.Notifier.Told);
    }

    [Fact]
    public async Task RunAsync_NotifierFails_ReleasesTheCooldownSoTheNextCheckActs()
    {
        var parts = Create(DriftPolicy.Notify);
        await WriteWindowAsync(parts, age: 85, rows: 200);
        parts.Notifier.Failure = new InvalidOperationException("mail server down");

        var failed = Assert.Single(await parts.Monitor().RunAsync(null));
        parts.Notifier.Failure = null;
        var next = Assert.Single(await parts.Monitor().RunAsync(null));

        Assert.Equal(DriftAction.Failed, failed.Action);
        Assert.Equal("mail server down", failed.Detail);
        Assert.Equal(DriftAction.Notified, next.Action);
    }

    [Fact]
    public async Task RunAsync_EightInstancesAtOnce_OnlyOneActs()
    {
        var parts = Create(DriftPolicy.Notify);
        await WriteWindowAsync(parts, age: 85, rows: 200);

        var checks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => parts.Monitor().RunAsync(null))));

        Assert.Equal(1, checks.SelectMany(c => c).Count(c => c.Action == DriftAction.Notified));
        Assert.Equal(7, checks.SelectMany(c => c).Count(c => c.Action == DriftAction.Cooldown));
        Assert.Single(parts.Notifier.Told);
    }
}
