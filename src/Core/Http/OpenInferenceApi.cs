using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Serverless.Core.Http;

/// <summary>Maps the Open Inference Protocol v2 REST routes onto <see cref="OpenInferenceHandler"/>.</summary>
public static class OpenInferenceApi
{
    public static IEndpointRouteBuilder MapOpenInferenceApi(this IEndpointRouteBuilder endpoints)
    {
        var v2 = endpoints.MapGroup("/v2");
        v2.MapGet("", (OpenInferenceHandler h) => h.ServerMetadata());
        v2.MapGet("/health/live", (OpenInferenceHandler h) => h.Live());
        v2.MapGet("/health/ready", (OpenInferenceHandler h) => h.Ready());

        v2.MapGet("/models/{name}", (string name, OpenInferenceHandler h, CancellationToken ct) => h.ModelMetadataAsync(name, null, ct));
        v2.MapGet("/models/{name}/versions/{version}", (string name, string version, OpenInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.ModelMetadataAsync(name, v, ct) : Task.FromResult(error));

        v2.MapGet("/models/{name}/ready", (string name, OpenInferenceHandler h, CancellationToken ct) => h.ModelReadyAsync(name, null, ct));
        v2.MapGet("/models/{name}/versions/{version}/ready", (string name, string version, OpenInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.ModelReadyAsync(name, v, ct) : Task.FromResult(error));

        v2.MapPost("/models/{name}/infer", (HttpRequest request, string name, OpenInferenceHandler h, CancellationToken ct) =>
            h.InferAsync(request, name, null, ct));
        v2.MapPost("/models/{name}/versions/{version}/infer", (HttpRequest request, string name, string version, OpenInferenceHandler h, CancellationToken ct) =>
            ModelVersions.TryParse(version, out var v, out var error) ? h.InferAsync(request, name, v, ct) : Task.FromResult(error));
        return endpoints;
    }
}
