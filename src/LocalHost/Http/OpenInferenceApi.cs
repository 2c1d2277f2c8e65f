using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Api.Http;
using Serverless.Api.Security;
using Serverless.Api.Scoring;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the Open Inference Protocol v2 REST routes onto <see cref="OpenInferenceHandler"/>.</summary>
internal static class OpenInferenceApi
{
    public static IEndpointRouteBuilder MapOpenInferenceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Routes.OipServer, (OpenInferenceHandler h) => h.ServerMetadata());
        endpoints.MapGet(Routes.OipLive, (OpenInferenceHandler h) => h.Live());
        endpoints.MapGet(Routes.OipReady, (OpenInferenceHandler h) => h.Ready());

        endpoints.MapGet(Routes.OipModel, (string name, OpenInferenceHandler h, CancellationToken ct) => h.ModelMetadataAsync(name, null, ct));
        endpoints.MapGet(Routes.OipModelVersion, (string name, string version, OpenInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.ModelMetadataAsync(name, v, ct) : Task.FromResult(error));

        endpoints.MapGet(Routes.OipModelReady, (string name, OpenInferenceHandler h, CancellationToken ct) => h.ModelReadyAsync(name, null, ct));
        endpoints.MapGet(Routes.OipModelVersionReady, (string name, string version, OpenInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.ModelReadyAsync(name, v, ct) : Task.FromResult(error));

        // As for record scoring (ScoringApi): the handler is taken once, so an inference request creates no DI scope.
        var infer = endpoints.ServiceProvider.GetRequiredService<OpenInferenceHandler>();
        endpoints.MapPost(Routes.OipInfer, (HttpRequest request, string name, CancellationToken ct) =>
            infer.InferAsync(request, name, null, ct)).RequireApiKeyForScoring(endpoints);
        endpoints.MapPost(Routes.OipInferVersion, (HttpRequest request, string name, string version, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? infer.InferAsync(request, name, v, ct) : Task.FromResult(error)).RequireApiKeyForScoring(endpoints);
        return endpoints;
    }
}
