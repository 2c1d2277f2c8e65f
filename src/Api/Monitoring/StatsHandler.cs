using System.Globalization;
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

        var query = request.Query;
        if (!TryTime(query["to"], "to", time.GetUtcNow(), out var to, out var error)
            || !TryTime(query["from"], "from", to - DefaultRange, out var from, out error))
        {
            return error;
        }

        if (from >= to || to - from > ModelStatsService.MaxRange)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest,
                $"'from' must be before 'to' and at most {ModelStatsService.MaxRange.TotalDays} days before it (got {from:O} .. {to:O}).");
        }

        int? version = null;
        if (query["version"] is { Count: > 0 } v)
        {
            if (!ModelVersions.TryParse(v.ToString(), out var number, out error))
            {
                return error;
            }

            version = number;
        }

        var result = await stats.GetAsync(name, from, to, version, cancellationToken);
        return result is null
            ? ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' has no registered version.")
            : TypedResults.Json(result, JsonDefaults.Options);
    }

    private static bool TryTime(
        Microsoft.Extensions.Primitives.StringValues value, string parameter, DateTimeOffset fallback, out DateTimeOffset time, out IResult error)
    {
        error = null!;
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            time = fallback;
            return true;
        }

        if (value.Count == 1 && DateTimeOffset.TryParse(value[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            return true;
        }

        time = default;
        error = ApiError.Result(StatusCodes.Status400BadRequest, $"'{parameter}' must be one ISO 8601 time, e.g. 2026-12-01T20:00:00Z.");
        return false;
    }
}
