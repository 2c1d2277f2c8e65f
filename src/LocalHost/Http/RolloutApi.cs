using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Rollout;
using Serverless.Api.Security;
using Serverless.Api.Workflows;
using Serverless.LocalHost.Durable;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the rollout start, workflow status and rollout event routes onto <see cref="RolloutHandler"/> and <see cref="WorkflowHandler"/>; the POSTs need the API key.</summary>
internal static class RolloutApi
{
    public static IEndpointRouteBuilder MapRolloutApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Routes.ModelRollouts, (HttpRequest request, string name, RolloutHandler h, DurableTaskClient client, CancellationToken ct) =>
            h.StartAsync(request, name, client, id => DurableManagementApi.CreateHttpManagementPayload(request, id), ct)).DisableAntiforgery().RequireApiKey();
        endpoints.MapGet(Routes.Workflow, (string id, WorkflowHandler h, DurableTaskClient client, CancellationToken ct) =>
            h.GetAsync(id, client, ct));
        endpoints.MapPost(Routes.WorkflowEvent, (HttpRequest request, string id, string eventName, WorkflowHandler h, DurableTaskClient client, CancellationToken ct) =>
            h.RaiseAsync(request, id, eventName, client, i => DurableManagementApi.CreateHttpManagementPayload(request, i), ct)).DisableAntiforgery().RequireApiKey();
        return endpoints;
    }
}
