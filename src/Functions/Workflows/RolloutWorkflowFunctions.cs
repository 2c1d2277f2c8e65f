using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Serverless.Core.Rollout.Health;
using Serverless.Workflows.Rollout;

namespace Serverless.Functions.Workflows;

/// <summary>The rollout workflow's orchestrator and activities, bound to the classes in src/Workflows.</summary>
public static class RolloutWorkflowFunctions
{
    [Function(RolloutNames.Orchestrator)]
    public static Task<RolloutResult> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RolloutOrchestrator().RunAsync(context, context.GetInput<RolloutRequest>()!);

    [Function(nameof(PlanRolloutActivity))]
    public static Task<RolloutStart> Plan([ActivityTrigger] RolloutRequest input, FunctionContext function) =>
        ActivityRunner.RunAsync<PlanRolloutActivity, RolloutRequest, RolloutStart>(function, input);

    [Function(nameof(SetRolloutWeightActivity))]
    public static Task<RolloutChange> SetWeight([ActivityTrigger] RolloutWeightInput input, FunctionContext function) =>
        ActivityRunner.RunAsync<SetRolloutWeightActivity, RolloutWeightInput, RolloutChange>(function, input);

    [Function(nameof(AnalyzeRolloutHealthActivity))]
    public static Task<HealthReport> AnalyzeHealth([ActivityTrigger] HealthAnalysisInput input, FunctionContext function) =>
        ActivityRunner.RunAsync<AnalyzeRolloutHealthActivity, HealthAnalysisInput, HealthReport>(function, input);

    [Function(nameof(FinishRolloutActivity))]
    public static Task<RolloutChange> Finish([ActivityTrigger] FinishRolloutInput input, FunctionContext function) =>
        ActivityRunner.RunAsync<FinishRolloutActivity, FinishRolloutInput, RolloutChange>(function, input);
}
