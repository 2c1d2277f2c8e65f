using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Rollout;

namespace Serverless.Functions.Http;

/// <summary>Binds the deployment control plane (traffic, automation level) and the alert webhook to their Api handlers (as the local host).</summary>
public sealed class DeploymentFunctions(DeploymentHandler handler, AlertHandler alerts, AutomationHandler automation)
{
    [Function("PromoteModel")]
    public Task<IResult> Promote(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Promote)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.PromoteAsync(request, name, cancellationToken);

    [Function("RollbackModel")]
    public Task<IResult> Rollback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Rollback)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.RollbackAsync(request, name, cancellationToken);

    [Function("SetModelTraffic")]
    public Task<IResult> SetTraffic(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.Traffic)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.SetTrafficAsync(request, name, cancellationToken);

    [Function("SetModelAutomation")]
    public Task<IResult> SetAutomation(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Routes.ModelAutomation)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        automation.SetAsync(request, name, cancellationToken);

    [Function("ModelHistory")]
    public Task<IResult> History(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.History)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.HistoryAsync(name, int.TryParse(request.Query["limit"], out var limit) ? limit : null, cancellationToken);

    /// <summary>The action group's webhook; its URL carries the function key (<c>?code=</c>, infra/bicep/modules/alertWebhook.bicep).</summary>
    [Function("ReceiveAlert")]
    public Task<IResult> ReceiveAlert(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Alerts)] HttpRequest request,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        alerts.ReceiveAsync(request, durable, cancellationToken);
}
