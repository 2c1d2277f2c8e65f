using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Capacity;
using Serverless.Core.Models;

namespace Serverless.Api.Capacity;

/// <summary>
/// <c>GET /api/capacity?qps=&amp;p99Ms=&amp;model=</c>: the capacity estimate (docs/capacity.md) for a target load, with
/// the same parameters as the <c>src/Capacity</c> command. Reads the registry only to check the model; changes nothing.
/// </summary>
public sealed class CapacityHandler(IModelRegistry registry)
{
    /// <summary>200 with the <see cref="CapacityEstimate"/>; 400 naming the bad parameter; 404 for an unknown model.</summary>
    public async Task<IResult> EstimateAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (!CapacityQuery.TryParse(values, out var request, out var assumptions, out var error))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, error!);
        }

        if (values.TryGetValue("model", out var model) && model.Length > 0)
        {
            if (!ModelNames.IsValid(model))
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{model}' is invalid: {ModelNames.Rule}.");
            }

            if ((await registry.ListVersionsAsync(model, cancellationToken)).Count == 0)
            {
                return ApiError.Result(StatusCodes.Status404NotFound, $"Model '{model}' is not registered.");
            }
        }

        try
        {
            return TypedResults.Ok(CapacityEstimator.Estimate(request, MeasuredCost.SampleChurnBench, assumptions));
        }
        catch (ArgumentException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
        }
    }
}
