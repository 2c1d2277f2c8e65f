using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Serverless.Core.Batch;

/// <summary>Maps the on-demand batch endpoints onto <see cref="BatchJobHandler"/> (the local host; Functions binds the same calls).</summary>
public static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/models/{name}/batch", (string name, HttpRequest request, BatchJobHandler h, CancellationToken ct) =>
            h.SubmitAsync(name, request, ct));
        endpoints.MapGet("/api/batch/jobs/{id}", (string id, BatchJobHandler h, CancellationToken ct) => h.GetStatusAsync(id, ct));
        return endpoints;
    }
}
