using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Retrain;
using Serverless.Api.Security;
using Serverless.LocalHost.Durable;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the retrain route onto <see cref="RetrainHandler"/>, with this host's engine and management links.</summary>
internal static class RetrainApi
{
    public static IEndpointRouteBuilder MapRetrainApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Routes.ModelRetrain, (HttpRequest request, string name, RetrainHandler h, DurableTaskClient client, CancellationToken ct) =>
            h.StartAsync(request, name, client, id => DurableManagementApi.CreateHttpManagementPayload(request, id), ct)).DisableAntiforgery().RequireApiKey();
        return endpoints;
    }
}
