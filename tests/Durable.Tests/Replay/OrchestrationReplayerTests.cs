using Serverless.Core.Workflows;
using Serverless.Durable.History;
using Serverless.Durable.Replay;
using static Serverless.Durable.Tests.Replay.HistoryBuilder;

namespace Serverless.Durable.Tests.Replay;

public class OrchestrationReplayerTests
{
    private static async Task<string> TwoSteps(IOrchestrationContext context)
    {
        var a = await context.CallActivityAsync<string>("A", context.GetInput<string>());
        var b = await context.CallActivityAsync<string>("B", a);
        return a + b;
    }

    [Fact]
    public void Run_FirstEpisode_RecordsStartAndFirstActivity()
    {
        var past = new HistoryBuilder().Started("Test", "in").Build();

        var result = Replayer.Run(TwoSteps, past);

        Assert.Equal(WorkflowRuntimeStatus.Running, result.Status);
        Assert.Collection(
            result.NewHistory,
            e => Assert.Equal((HistoryEventType.OrchestratorStarted, Replayer.Now), (e.Type, e.Timestamp)),
            e => Assert.Equal((HistoryEventType.TaskScheduled, 0, "A", "\"in\""), (e.Type, e.TaskId, e.Name, e.Data)));
    }

    [Fact]
    public void Run_CompletionsInHistory_ReplaysWithoutReschedulingAndCompletes()
    {
        var past = new HistoryBuilder().Started("Test", "in").Episode().Scheduled(0, "A", "in")
            .Episode().Add(Completed(0, "x")).Scheduled(1, "B", "x").Build();
        var replaying = new List<bool>();

        var result = Replayer.Run(
            async context =>
            {
                replaying.Add(context.IsReplaying);
                var a = await context.CallActivityAsync<string>("A", "in");
                replaying.Add(context.IsReplaying);
                var b = await context.CallActivityAsync<string>("B", a);
                replaying.Add(context.IsReplaying);
                return a + b;
            },
            past,
            Completed(1, "y"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, result.Status);
        Assert.Equal(Replayer.Output("xy"), result.Output);
        Assert.Equal([true, true, false], replaying);
        Assert.Equal(
            [HistoryEventType.OrchestratorStarted, HistoryEventType.TaskCompleted, HistoryEventType.ExecutionCompleted],
            result.NewHistory.Select(e => e.Type));
    }

    [Fact]
    public void Run_ActivityRenamedSinceHistory_FailsNamingTheEvent()
    {
        var past = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A").Build();

        var result = Replayer.Run(context => context.CallActivityAsync<string>("Renamed"), past, Completed(0, "x"));

        Assert.Equal(WorkflowRuntimeStatus.Failed, result.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.Failure!.ErrorType);
        Assert.Contains("TaskScheduled #0 (activity 'A')", result.Failure.ErrorMessage);
        Assert.Contains("activity 'Renamed'", result.Failure.ErrorMessage);
        Assert.Equal([HistoryEventType.OrchestratorStarted, HistoryEventType.ExecutionFailed], result.NewHistory.Select(e => e.Type));
    }

    [Fact]
    public void Run_ScheduledTaskMissingOnReplay_FailsNamingTheEvent()
    {
        var past = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A").Build();

        var result = Replayer.Run(context => Task.FromResult("no activity any more"), past, Completed(0, "x"));

        Assert.Equal(WorkflowRuntimeStatus.Failed, result.Status);
        Assert.Contains("TaskScheduled #0 (activity 'A')", result.Failure!.ErrorMessage);
    }

    [Fact]
    public void Run_DuplicateCompletion_IsDropped()
    {
        var past = new HistoryBuilder().Started("Test", "in").Episode().Scheduled(0, "A", "in")
            .Episode().Add(Completed(0, "x")).Scheduled(1, "B", "x").Build();

        var result = Replayer.Run(TwoSteps, past, Completed(0, "x"));

        Assert.Equal(WorkflowRuntimeStatus.Running, result.Status);
        Assert.Empty(result.NewHistory);
    }

    [Fact]
    public void Run_ActivitiesCompleteOutOfOrder_WhenAnyFollowsHistoryOrder()
    {
        var past = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A").Scheduled(1, "B").Build();
        static async Task<string> First(IOrchestrationContext context)
        {
            var a = context.CallActivityAsync<string>("A");
            var b = context.CallActivityAsync<string>("B");
            return await await Task.WhenAny(a, b);
        }

        var bFirst = Replayer.Run(First, past, Completed(1, "b"), Completed(0, "a"));
        var aFirst = Replayer.Run(First, past, Completed(0, "a"), Completed(1, "b"));

        Assert.Equal(Replayer.Output("b"), bFirst.Output);
        Assert.Equal(Replayer.Output("a"), aFirst.Output);
    }

    [Fact]
    public void Run_WhenAllOfActivities_CompletesWithResultsInScheduleOrder()
    {
        var past = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A").Scheduled(1, "B").Build();

        var result = Replayer.Run(
            async context => string.Join(",", await Task.WhenAll(context.CallActivityAsync<string>("A"), context.CallActivityAsync<string>("B"))),
            past,
            Completed(1, "b"),
            Completed(0, "a"));

        Assert.Equal(Replayer.Output("a,b"), result.Output);
    }

    [Fact]
    public void Run_ActivityFailureUnhandled_FailsWithTaskAndCause()
    {
        var past = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A").Build();

        var result = Replayer.Run(context => context.CallActivityAsync<string>("A"), past, Failed(0, "boom"));

        Assert.Equal(WorkflowRuntimeStatus.Failed, result.Status);
        Assert.Equal(typeof(WorkflowTaskFailedException).FullName, result.Failure!.ErrorType);
        Assert.Contains("Task 'A' (#0) failed", result.Failure.ErrorMessage);
        Assert.Equal("boom", result.Failure.InnerFailure!.ErrorMessage);
        Assert.True(result.Failure.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public void Run_ActivityFailureCaught_OrchestratorSeesNameAndMessage()
    {
        var past = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A").Build();

        var result = Replayer.Run(
            async context =>
            {
                try
                {
                    return await context.CallActivityAsync<string>("A");
                }
                catch (WorkflowTaskFailedException e)
                {
                    return $"{e.TaskName}:{e.FailureDetails.ErrorMessage}";
                }
            },
            past,
            Failed(0, "boom"));

        Assert.Equal(Replayer.Output("A:boom"), result.Output);
    }

    [Fact]
    public void Run_RetryPolicy_WaitsWithDurableTimerThenReschedules()
    {
        var retry = new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2);
        Func<IOrchestrationContext, Task<string>> orchestrator = context => context.CallActivityAsync<string>("A", null, retry);
        var builder = new HistoryBuilder().Started("Test").Episode().Scheduled(0, "A");

        var afterFailure = Replayer.Run(orchestrator, builder.Build(), Failed(0, "once"));
        var timer = Assert.Single(afterFailure.NewHistory, e => e.Type == HistoryEventType.TimerCreated);
        builder.Add(OrchestratorStarted(Replayer.Now)).Add(Failed(0, "once")).Add(timer);
        var afterTimer = Replayer.Run(orchestrator, builder.Build(), TimerFired(1));

        Assert.Equal(Replayer.Now.AddSeconds(10), timer.FireAt);
        Assert.Equal((HistoryEventType.TaskScheduled, 2, "A"), afterTimer.NewHistory.Select(e => (e.Type, e.TaskId, e.Name)).Last());
    }

    [Fact]
    public void Run_NewGuid_IsTheSameOnReplay()
    {
        var past = new HistoryBuilder().Started("Test").Build();
        static async Task<Guid[]> Guids(IOrchestrationContext context)
        {
            var first = context.NewGuid();
            await context.CallActivityAsync("A", first);
            return [first, context.NewGuid()];
        }

        var firstEpisode = Replayer.Run(Guids, past);
        var sentToActivity = firstEpisode.NewHistory.Single(e => e.Type == HistoryEventType.TaskScheduled).Data;
        var replayed = Replayer.Run(Guids, [.. past, .. firstEpisode.NewHistory], Completed(0, null));

        var guids = System.Text.Json.JsonSerializer.Deserialize<Guid[]>(replayed.Output!)!;
        Assert.Equal(sentToActivity, Replayer.Output(guids[0]));
        Assert.NotEqual(guids[0], guids[1]);
    }

    [Fact]
    public void Run_OrchestratorNotRegistered_FailsWithClearError()
    {
        var past = new HistoryBuilder().Started("Missing").Build();

        var result = OrchestrationReplayer.Run(null, "i", past, [], Replayer.Now, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal(WorkflowRuntimeStatus.Failed, result.Status);
        Assert.Contains("'Missing' is not registered", result.Failure!.ErrorMessage);
    }
}
