using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.Api.Capacity;
using Serverless.Api.Http;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the capacity estimate onto <see cref="CapacityHandler"/> (Functions binds the same call).</summary>
internal static class CapacityApi
{
    public static IEndpointRouteBuilder MapCapacityApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Routes.Capacity, (HttpRequest request, CapacityHandler h, CancellationToken ct) => h.EstimateAsync(request.Query, ct));
        return endpoints;
    }
}
