using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.Api.Http;
using Serverless.Api.Monitoring;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the monitoring endpoints onto their Api handlers.</summary>
internal static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Routes.ModelStats, (HttpRequest request, string name, StatsHandler h, CancellationToken ct) => h.GetAsync(request, name, ct));
        return endpoints;
    }
}
