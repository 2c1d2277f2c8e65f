using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Http;

/// <summary>The error body every endpoint answers with: <c>{ "error": "..." }</c>.</summary>
public sealed record ApiError(string Error)
{
    public static IResult Result(int statusCode, string message) => TypedResults.Json(new ApiError(message), statusCode: statusCode);
}
