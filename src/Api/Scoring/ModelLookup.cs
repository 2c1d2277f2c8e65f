using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Scoring;

namespace Serverless.Api.Scoring;

/// <summary>Maps a failed <see cref="ModelResolution"/> to its <c>{ "error" }</c> answer.</summary>
internal static class ModelLookup
{
    /// <summary>The monitoring error kind of a failed lookup.</summary>
    public static string ErrorKind(ModelResolution resolution) =>
        resolution.Failure == ModelLookupFailure.NotFound ? ScoringErrorKinds.NotFound : ScoringErrorKinds.Internal;

    /// <summary>
    /// 404 for an unknown model or version; 503 for a version that cannot be served (its artifact failed SHA-256
    /// verification or it does not load): the request is fine, the server cannot serve it until an operator acts.
    /// </summary>
    public static IResult ToResult(ModelResolution resolution) => resolution.Failure switch
    {
        ModelLookupFailure.NotFound => ApiError.Result(StatusCodes.Status404NotFound, resolution.Message!),
        ModelLookupFailure.Unservable => ApiError.Result(StatusCodes.Status503ServiceUnavailable, resolution.Message!),
        _ => throw new ArgumentException($"Lookup {resolution.Failure} is not a failure.", nameof(resolution)),
    };
}
