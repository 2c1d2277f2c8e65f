using Serverless.Core.Workflows;
using Serverless.Durable.History;
using static Serverless.Durable.Tests.Replay.HistoryBuilder;

namespace Serverless.Durable.Tests.Replay;

public class OrchestrationReplayerEventTests
{
    /// <summary>An approval that times out: the timer races the event and the loser is cancelled.</summary>
    private static async Task<string> Approval(IOrchestrationContext context)
    {
        using var cts = new CancellationTokenSource();
        var timeout = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(5), cts.Token);
        var approval = context.WaitForExternalEvent<bool>("approve");
        if (await Task.WhenAny(approval, timeout) == approval)
        {
            // Cancel, not CancelAsync: the latter runs the cancellation on the thread pool, outside the episode.
            cts.Cancel();
            return approval.Result ? "approved" : "rejected";
        }

        return "timeout";
    }

    [Fact]
    public void Run_EventBeforeTimer_EventWins()
    {
        var past = new HistoryBuilder().Started("Test").Episode().TimerCreated(0, Start.AddMinutes(5)).Build();

        var result = Replayer.Run(Approval, past, Raised("approve", true), TimerFired(0));

        Assert.Equal(Replayer.Output("approved"), result.Output);
    }

    [Fact]
    public void Run_TimerBeforeEvent_TimerWins()
    {
        var past = new HistoryBuilder().Started("Test").Episode().TimerCreated(0, Start.AddMinutes(5)).Build();

        var result = Replayer.Run(Approval, past, TimerFired(0), Raised("approve", true));

        Assert.Equal(Replayer.Output("timeout"), result.Output);
    }

    [Fact]
    public void Run_EventRaisedBeforeWaiting_IsBufferedAndDelivered()
    {
        var past = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A").Build();

        var result = Replayer.Run(
            async context =>
            {
                await context.CallActivityAsync("A");
                return await context.WaitForExternalEvent<string>("GO");
            },
            past,
            Raised("go", "payload"),
            Completed(0, null));

        Assert.Equal(WorkflowRuntimeStatus.Completed, result.Status);
        Assert.Equal(Replayer.Output("payload"), result.Output);
    }

    [Fact]
    public void Run_WaitForEventTimesOut_ThrowsTaskCanceledException()
    {
        var past = new HistoryBuilder().Started("Test").Episode().TimerCreated(0, Start.AddSeconds(30)).Build();

        var result = Replayer.Run(
            async context =>
            {
                try
                {
                    return await context.WaitForExternalEvent<string>("never", TimeSpan.FromSeconds(30));
                }
                catch (TaskCanceledException)
                {
                    return "cancelled";
                }
            },
            past,
            TimerFired(0));

        Assert.Equal(Replayer.Output("cancelled"), result.Output);
    }

    [Fact]
    public void Run_WaitForEventBeforeTimeout_ReturnsPayload()
    {
        var past = new HistoryBuilder().Started("Test").Episode().TimerCreated(0, Start.AddSeconds(30)).Build();

        var result = Replayer.Run(context => context.WaitForExternalEvent<int>("n", TimeSpan.FromSeconds(30)), past, Raised("n", 42));

        Assert.Equal(Replayer.Output(42), result.Output);
    }

    [Fact]
    public void Run_ContinueAsNew_ReturnsNewInputAndCarriesUnconsumedEvents()
    {
        var past = new HistoryBuilder().Started("Test", 1).Episode().Scheduled(0, "A").Build();

        var result = Replayer.Run(
            async context =>
            {
                await context.CallActivityAsync("A");
                context.ContinueAsNew(context.GetInput<int>() + 1);
                return 0;
            },
            past,
            Raised("later", "x"),
            Completed(0, null));

        Assert.Equal(WorkflowRuntimeStatus.ContinuedAsNew, result.Status);
        Assert.Equal("2", result.ContinueAsNewInput);
        Assert.Equal("later", Assert.Single(result.CarriedEvents).Name);
    }

    [Fact]
    public void Run_TerminateEvent_EndsTerminatedWithoutRunningTheOrchestrator()
    {
        var past = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A").Build();
        var ran = false;

        var result = Replayer.Run(
            context =>
            {
                ran = true;
                return Task.FromResult(0);
            },
            past,
            new HistoryEvent(HistoryEventType.ExecutionTerminated, Start) { Data = "\"stop\"" });

        Assert.False(ran);
        Assert.Equal(WorkflowRuntimeStatus.Terminated, result.Status);
        Assert.Equal("\"stop\"", result.Output);
    }

    [Fact]
    public void Run_CurrentUtcDateTime_IsTheRecordedEpisodeStart()
    {
        var builder = new HistoryBuilder().Started("Test").Episode();
        var firstEpisodeTime = builder.Now;
        var past = builder.TimerCreated(0, firstEpisodeTime.AddSeconds(5)).Build();
        var seen = new List<DateTime>();

        var result = Replayer.Run(
            async context =>
            {
                seen.Add(context.CurrentUtcDateTime);
                await context.CreateTimer(TimeSpan.FromSeconds(5), CancellationToken.None);
                seen.Add(context.CurrentUtcDateTime);
                return 0;
            },
            past,
            TimerFired(0));

        Assert.Equal(WorkflowRuntimeStatus.Completed, result.Status);
        Assert.Equal([firstEpisodeTime, Replayer.Now], seen);
    }
}
