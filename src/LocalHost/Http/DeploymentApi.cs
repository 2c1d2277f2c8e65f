using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Rollout;
using Serverless.Api.Security;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the deployment control plane onto <see cref="DeploymentHandler"/> and the alert webhook onto <see cref="AlertHandler"/>; every route but history needs the API key.</summary>
internal static class DeploymentApi
{
    public static IEndpointRouteBuilder MapDeploymentApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Routes.Promote, (HttpRequest request, string name, DeploymentHandler h, CancellationToken ct) =>
            h.PromoteAsync(request, name, ct)).RequireApiKey();
        endpoints.MapPost(Routes.Rollback, (HttpRequest request, string name, DeploymentHandler h, CancellationToken ct) =>
            h.RollbackAsync(request, name, ct)).RequireApiKey();
        endpoints.MapPut(Routes.Traffic, (HttpRequest request, string name, DeploymentHandler h, CancellationToken ct) =>
            h.SetTrafficAsync(request, name, ct)).RequireApiKey();
        endpoints.MapPut(Routes.ModelAutomation, (HttpRequest request, string name, AutomationHandler h, CancellationToken ct) =>
            h.SetAsync(request, name, ct)).RequireApiKey();
        endpoints.MapPost(Routes.Alerts, (HttpRequest request, DurableTaskClient durable, AlertHandler h, CancellationToken ct) =>
            h.ReceiveAsync(request, durable, ct)).RequireApiKey();
        endpoints.MapGet(Routes.History, (string name, int? limit, DeploymentHandler h, CancellationToken ct) =>
            h.HistoryAsync(name, limit, ct));
        return endpoints;
    }
}
