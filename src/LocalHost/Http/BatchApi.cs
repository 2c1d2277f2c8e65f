using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.Api.Batch;
using Serverless.Api.Http;
using Serverless.Api.Security;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the on-demand batch endpoints onto <see cref="BatchJobHandler"/> (Functions binds the same calls).</summary>
internal static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Routes.BatchSubmit, (string name, HttpRequest request, BatchJobHandler h, CancellationToken ct) =>
            h.SubmitAsync(name, request, ct)).RequireApiKey();
        endpoints.MapGet(Routes.BatchJob, (string id, BatchJobHandler h, CancellationToken ct) => h.GetStatusAsync(id, ct));
        return endpoints;
    }
}
