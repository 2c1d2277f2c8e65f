using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Api.Capacity;
using Serverless.Api.Http;

namespace Serverless.Functions.Http;

/// <summary>Binds the capacity estimate to <see cref="CapacityHandler"/> (same handler as the local host).</summary>
public sealed class CapacityFunctions(CapacityHandler handler)
{
    [Function("EstimateCapacity")]
    public Task<IResult> Estimate(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Capacity)] HttpRequest request, CancellationToken cancellationToken) =>
        handler.EstimateAsync(request.Query, cancellationToken);
}
