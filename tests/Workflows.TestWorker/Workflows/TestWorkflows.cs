namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Every test orchestrator and activity, registered in the in-process hosts and in the worker process.</summary>
public static class TestWorkflows
{
    public static void Register(WorkflowCatalog catalog) => catalog
        .AddActivity<StepActivity>()
        .AddActivity<BlockOnceActivity>()
        .AddActivity<FlakyActivity>()
        .AddActivity<FailActivity>()
        .AddActivity<EchoActivity>()
        .AddOrchestrator<ActivityStepsOrchestrator>()
        .AddOrchestrator<TimerStepsOrchestrator>()
        .AddOrchestrator<RetryOrchestrator>()
        .AddOrchestrator<ApprovalOrchestrator>()
        .AddOrchestrator<ParentOrchestrator>()
        .AddOrchestrator<CounterOrchestrator>()
        .AddOrchestrator<FailingOrchestrator>()
        .AddOrchestrator<RoundTripOrchestrator>()
        .AddOrchestrator<NonDeterministicOrchestrator>()
        .AddOrchestrator<GreetingOrchestrator>("Greeting");
}
