using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Api.Http;
using Serverless.Api.Monitoring;

namespace Serverless.Functions.Http;

/// <summary>Binds the monitoring endpoints to their Api handlers (same handlers as the local host).</summary>
public sealed class MonitoringFunctions(StatsHandler stats)
{
    [Function("ModelStats")]
    public Task<IResult> ModelStats(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.ModelStats)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        stats.GetAsync(request, name, cancellationToken);
}
