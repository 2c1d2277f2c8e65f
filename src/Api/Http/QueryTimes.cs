using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Serverless.Api.Http;

/// <summary>The <c>from</c>, <c>to</c> and <c>version</c> query parameters of the read-only monitoring routes, or a 400 naming the one at fault.</summary>
public static class QueryTimes
{
    /// <summary>
    /// <c>to</c> (default now) and <c>from</c> (default <paramref name="defaultRange"/> before <c>to</c>), ISO 8601 times;
    /// refused unless <c>from &lt; to</c> and the range is at most <paramref name="maxRange"/>.
    /// </summary>
    public static bool TryGetRange(
        IQueryCollection query, DateTimeOffset now, TimeSpan defaultRange, TimeSpan maxRange, out DateTimeOffset from, out DateTimeOffset to, out IResult error)
    {
        from = default;
        if (!TryGet(query["to"], "to", now, out to, out error) || !TryGet(query["from"], "from", to - defaultRange, out from, out error))
        {
            return false;
        }

        if (from >= to || to - from > maxRange)
        {
            error = ApiError.Result(StatusCodes.Status400BadRequest,
                $"'from' must be before 'to' and at most {maxRange.TotalDays} days before it (got {from:O} .. {to:O}).");
            return false;
        }

        return true;
    }

    /// <summary>The optional <c>version</c> parameter: absent (null) or a positive integer.</summary>
    public static bool TryGetVersion(IQueryCollection query, out int? version, out IResult error)
    {
        version = null;
        error = null!;
        if (query["version"] is not { Count: > 0 } v)
        {
            return true;
        }

        if (!ModelVersions.TryParse(v.ToString(), out var number, out var invalid))
        {
            error = invalid;
            return false;
        }

        version = number;
        return true;
    }

    /// <param name="fallback">The time when the parameter is absent or empty.</param>
    public static bool TryGet(StringValues value, string parameter, DateTimeOffset fallback, out DateTimeOffset time, out IResult error)
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
