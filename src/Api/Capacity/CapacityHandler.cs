using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Capacity;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;

namespace Serverless.Api.Capacity;

/// <summary>
/// <c>GET /api/capacity?qps=&amp;p99Ms=&amp;model=</c>: the capacity estimate (docs/capacity.md) for a target load, with
/// the same parameters as the <c>src/Capacity</c> command. With a model that has served traffic in the last hour,
/// its window statistics replace the benchmark's handler cost. Reads only; changes nothing.
/// </summary>
public sealed class CapacityHandler(IModelRegistry registry, IWindowReader windows, TimeProvider time)
{
    /// <summary>How far back live window statistics are read.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromHours(1);

    /// <summary>200 with the <see cref="CapacityEstimate"/>; 400 naming the bad parameter; 404 for an unknown model.</summary>
    public async Task<IResult> EstimateAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (!CapacityQuery.TryParse(values, out var request, out var assumptions, out var error))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, error!);
        }

        var cost = MeasuredCost.SampleChurnBench;
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

            cost = await LiveCostAsync(model, cost, cancellationToken) ?? cost;
        }

        try
        {
            return TypedResults.Ok(CapacityEstimator.Estimate(request, cost, assumptions));
        }
        catch (ArgumentException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    // Every version's last hour merged: capacity is for the model's traffic, whichever version serves it.
    private async Task<MeasuredCost?> LiveCostAsync(string model, MeasuredCost bench, CancellationToken cancellationToken)
    {
        var to = time.GetUtcNow();
        var versions = await windows.ReadAsync(model, to - LiveWindow, to, cancellationToken: cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }

        var total = versions[0].Total.Clone();
        foreach (var version in versions.Skip(1))
        {
            total.Merge(version.Total);
        }

        return LiveCost.FromWindow(bench, total, $"{model}, last hour");
    }
}
