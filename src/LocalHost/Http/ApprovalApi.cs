using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Serverless.Api.Approvals;
using Serverless.Api.Http;

namespace Serverless.LocalHost.Http;

/// <summary>Maps approval links onto <see cref="ApprovalHandler"/> (Functions binds the same calls); the token authorizes.</summary>
internal static class ApprovalApi
{
    public static IEndpointRouteBuilder MapApprovalApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Routes.Approval, (HttpRequest request, string token, ApprovalHandler h, CancellationToken ct) => h.ShowAsync(request, token, ct));
        endpoints.MapPost(Routes.Approval, (HttpRequest request, string token, ApprovalHandler h, DurableTaskClient client, CancellationToken ct) =>
            h.DecideAsync(request, token, client, ct)).DisableAntiforgery();
        return endpoints;
    }
}
