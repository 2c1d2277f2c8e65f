using System.Globalization;
using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Serialization;

namespace Serverless.Api.Monitoring;

/// <summary><c>GET /api/models/{name}/accuracy?from&amp;to&amp;version&amp;interval</c> over <see cref="AccuracyService"/>. Read-only; thread-safe.</summary>
public sealed class AccuracyHandler(AccuracyService accuracy, TimeProvider time)
{
    /// <summary>The range when <c>from</c> is not given: the last day before <c>to</c>.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    /// <summary>The window length when <c>interval</c> is not given.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// 200 with <see cref="AccuracyReport"/>; <c>from</c>/<c>to</c> ISO 8601 times (default the last day) bounding the prediction
    /// time, <c>version</c> a positive integer, <c>interval</c> a time span (default 01:00:00, at least 00:01:00, at most
    /// 1000 windows). 400 for a bad parameter, 404 for a model without versions.
    /// </summary>
    public async Task<IResult> GetAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        if (!QueryTimes.TryGetRange(request.Query, time.GetUtcNow(), DefaultRange, AccuracyService.MaxRange, out var from, out var to, out var error)
            || !QueryTimes.TryGetVersion(request.Query, out var version, out error))
        {
            return error;
        }

        var interval = DefaultInterval;
        if (request.Query["interval"] is { Count: > 0 } text
            && (text.Count > 1 || !TimeSpan.TryParse(text[0], CultureInfo.InvariantCulture, out interval)
                || interval < TimeSpan.FromMinutes(1) || (to - from) / interval > AccuracyService.MaxWindows))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest,
                $"'interval' must be one time span of at least 00:01:00 giving at most {AccuracyService.MaxWindows} windows, e.g. 01:00:00.");
        }

        var report = await accuracy.GetAsync(name, from, to, version, interval, cancellationToken);
        return report is null
            ? ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' has no registered version.")
            : TypedResults.Json(report, JsonDefaults.Options);
    }
}
