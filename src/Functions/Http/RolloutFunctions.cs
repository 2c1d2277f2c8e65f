using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Rollout;
using Serverless.Api.Workflows;
using Serverless.Functions.Workflows;

namespace Serverless.Functions.Http;

/// <summary>Binds the rollout start, workflow status and rollout event routes to <see cref="RolloutHandler"/> and <see cref="WorkflowHandler"/> (as the local host).</summary>
public sealed class RolloutFunctions(RolloutHandler rollouts, WorkflowHandler workflows)
{
    [Function("StartRollout")]
    public Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ModelRollouts)] HttpRequest request,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        rollouts.StartAsync(request, name, client, id => DurableLinks.For(client, id), cancellationToken);

    [Function("WorkflowStatus")]
    public Task<IResult> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Workflow)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        workflows.GetAsync(id, client, cancellationToken);

    [Function("RaiseWorkflowEvent")]
    public Task<IResult> RaiseEvent(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.WorkflowEvent)] HttpRequest request,
        string id,
        string eventName,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        workflows.RaiseAsync(request, id, eventName, client, i => DurableLinks.For(client, i), cancellationToken);
}
