using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;
using Serverless.Core.Serialization;

namespace Serverless.Api.Monitoring;

/// <summary><c>GET /api/models/{name}/stats?from&amp;to&amp;version</c> over <see cref="ModelStatsService"/>. Read-only; thread-safe singleton.</summary>
public sealed class StatsHandler(ModelStatsService stats, TimeProvider time)
{
    /// <summary>The range when <c>from</c> is not given: the last hour before <c>to</c>.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

    /// <summary>
    /// 200 with <see cref="ModelStats"/> (per version: summary, per-minute summaries, merged window, drift); <c>from</c>
    /// and <c>to</c> are ISO 8601 times (default: the last hour), <c>version</c> a positive integer. 400 for a bad
    /// parameter or a range over 7 days; 404 when the model has no version.
    /// </summary>
    public async Task<IResult> GetAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        if (!QueryTimes.TryGetRange(request.Query, time.GetUtcNow(), DefaultRange, ModelStatsService.MaxRange, out var from, out var to, out var error)
            || !QueryTimes.TryGetVersion(request.Query, out var version, out error))
        {
            return error;
        }

        var result = await stats.GetAsync(name, from, to, version, cancellationToken);
        return result is null
            ? ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' has no registered version.")
            : TypedResults.Json(result, JsonDefaults.Options);
    }
}
