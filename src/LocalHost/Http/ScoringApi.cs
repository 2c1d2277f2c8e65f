using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Http;
using Serverless.Api.Security;
using Serverless.Api.Scoring;

namespace Serverless.LocalHost.Http;

/// <summary>Maps record scoring onto <see cref="ScoringHandler"/>.</summary>
internal static class ScoringApi
{
    public static IEndpointRouteBuilder MapScoringApi(this IEndpointRouteBuilder endpoints)
    {
        // The handler is a singleton taken once here, not a delegate parameter: a service parameter makes every request
        // create (and dispose, under a lock) a DI scope it never uses, about 1 KB and a contended lock per predict.
        var h = endpoints.ServiceProvider.GetRequiredService<ScoringHandler>();
        endpoints.MapPost(Routes.Predict, (HttpRequest request, string name, CancellationToken ct) =>
            h.PredictAsync(request, name, null, ct)).RequireApiKeyForScoring(endpoints);
        endpoints.MapPost(Routes.PredictVersion, (HttpRequest request, string name, string version, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var number, out var error) ? h.PredictAsync(request, name, number, ct) : Task.FromResult(error)).RequireApiKeyForScoring(endpoints);
        return endpoints;
    }
}
