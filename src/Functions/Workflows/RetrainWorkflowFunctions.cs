using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Retrain;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Workflows.Retrain;

namespace Serverless.Functions.Workflows;

/// <summary>
/// The retrain route, the retrain schedule (<c>%RetrainSchedule%</c>; the local host runs it on a hosted timer) and the
/// retrain workflow's orchestrator and activity, bound to the classes in src/Api and src/Workflows.
/// </summary>
public sealed class RetrainWorkflowFunctions(RetrainHandler handler, RetrainScheduler scheduler)
{
    [Function("RetrainModel")]
    public Task<IResult> Retrain(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ModelRetrain)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.StartAsync(request, name, client, id => DurableLinks.For(client, id), cancellationToken);

    [Function("RetrainSchedule")]
    public Task Schedule([TimerTrigger("%RetrainSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        scheduler.RunAsync(client, cancellationToken);

    [Function(nameof(RetrainOrchestrator))]
    public static Task<RetrainResult> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RetrainOrchestrator().RunAsync(context, context.GetInput<RetrainRequest>()!);

    [Function(nameof(PrepareRetrainActivity))]
    public static Task<RetrainPlan> Prepare([ActivityTrigger] RetrainRequest input, FunctionContext function) =>
        ActivityRunner.RunAsync<PrepareRetrainActivity, RetrainRequest, RetrainPlan>(function, input);
}
