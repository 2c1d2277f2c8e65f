using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.Api.Http;
using Serverless.Api.Security;
using Serverless.Api.Scoring;

namespace Serverless.LocalHost.Http;

/// <summary>Maps record scoring onto <see cref="ScoringHandler"/>.</summary>
internal static class ScoringApi
{
    public static IEndpointRouteBuilder MapScoringApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Routes.Predict, (HttpRequest request, string name, ScoringHandler h, CancellationToken ct) =>
            h.PredictAsync(request, name, null, ct)).RequireApiKeyForScoring(endpoints);
        endpoints.MapPost(Routes.PredictVersion, (HttpRequest request, string name, string version, ScoringHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var number, out var error) ? h.PredictAsync(request, name, number, ct) : Task.FromResult(error)).RequireApiKeyForScoring(endpoints);
        return endpoints;
    }
}
