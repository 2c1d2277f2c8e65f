using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.Api.Http;

namespace Serverless.GpuServing.Http;

/// <summary>Maps the Open Inference Protocol v2 routes (the function app's <see cref="Routes"/>) onto <see cref="GpuInferenceHandler"/>.</summary>
internal static class GpuInferenceApi
{
    public static IEndpointRouteBuilder MapGpuInferenceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Routes.OipServer, (GpuInferenceHandler h) => h.ServerMetadata());
        endpoints.MapGet(Routes.OipLive, (GpuInferenceHandler h) => h.Live());
        endpoints.MapGet(Routes.OipReady, (GpuInferenceHandler h) => h.Ready());

        endpoints.MapGet(Routes.OipModel, (string name, GpuInferenceHandler h, CancellationToken ct) => h.ModelMetadataAsync(name, null, ct));
        endpoints.MapGet(Routes.OipModelVersion, (string name, string version, GpuInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.ModelMetadataAsync(name, v, ct) : Task.FromResult(error));

        endpoints.MapGet(Routes.OipModelReady, (string name, GpuInferenceHandler h, CancellationToken ct) => h.ModelReadyAsync(name, null, ct));
        endpoints.MapGet(Routes.OipModelVersionReady, (string name, string version, GpuInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.ModelReadyAsync(name, v, ct) : Task.FromResult(error));

        endpoints.MapPost(Routes.OipInfer, (HttpRequest request, string name, GpuInferenceHandler h, CancellationToken ct) =>
            h.InferAsync(request, name, null, ct));
        endpoints.MapPost(Routes.OipInferVersion, (HttpRequest request, string name, string version, GpuInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.InferAsync(request, name, v, ct) : Task.FromResult(error));
        endpoints.MapPost(Routes.Predict, (HttpRequest request, string name, GpuInferenceHandler h, CancellationToken ct) =>
            h.PredictAsync(request, name, null, ct));
        endpoints.MapPost(Routes.PredictVersion, (HttpRequest request, string name, string version, GpuInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.PredictAsync(request, name, v, ct) : Task.FromResult(error));
        return endpoints;
    }
}
