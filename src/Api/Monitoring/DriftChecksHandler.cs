using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Core.Serialization;

namespace Serverless.Api.Monitoring;

/// <summary><c>GET /api/models/{name}/drift?from&amp;to</c>: the drift monitor's recorded checks. Read-only; thread-safe.</summary>
public sealed class DriftChecksHandler(DriftCheckStore checks, TimeProvider time)
{
    /// <summary>The range when <c>from</c> is not given: the last day before <c>to</c>.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(1);

    /// <summary>The widest range one call reads.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(7);

    /// <summary>200 <see cref="DriftHistory"/>, checks oldest first (an unknown model has none); 400 for a bad parameter.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        if (!QueryTimes.TryGetRange(request.Query, time.GetUtcNow(), DefaultRange, MaxRange, out var from, out var to, out var error))
        {
            return error;
        }

        var found = await checks.ReadAsync(name, from, to, cancellationToken);
        return TypedResults.Json(new DriftHistory(name, from, to, found), JsonDefaults.Options);
    }
}
