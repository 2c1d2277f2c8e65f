using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Scoring;

namespace Serverless.Api.Scoring;

/// <summary>Maps a failed <see cref="ModelResolution"/> to its <c>{ "error" }</c> answer.</summary>
internal static class ModelLookup
{
    /// <summary>404 for an unknown model or version; 500 for a version that cannot be served (the message says why).</summary>
    public static IResult ToResult(ModelResolution resolution) => resolution.Failure switch
    {
        ModelLookupFailure.NotFound => ApiError.Result(StatusCodes.Status404NotFound, resolution.Message!),
        ModelLookupFailure.Unservable => ApiError.Result(StatusCodes.Status500InternalServerError, resolution.Message!),
        _ => throw new ArgumentException($"Lookup {resolution.Failure} is not a failure.", nameof(resolution)),
    };
}
