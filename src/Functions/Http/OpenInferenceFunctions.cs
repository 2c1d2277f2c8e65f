using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Api.Http;
using Serverless.Api.Scoring;

namespace Serverless.Functions.Http;

/// <summary>
/// Binds the Open Inference Protocol v2 routes to <see cref="OpenInferenceHandler"/>. Health probes are anonymous
/// (platform probes carry no key); metadata and inference need a function key.
/// </summary>
public sealed class OpenInferenceFunctions(OpenInferenceHandler handler)
{
    [Function("OipServerMetadata")]
    public IResult ServerMetadata([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.OipServer)] HttpRequest request) =>
        handler.ServerMetadata();

    [Function("OipLive")]
    public IResult Live([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OipLive)] HttpRequest request) =>
        handler.Live();

    [Function("OipReady")]
    public IResult Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OipReady)] HttpRequest request) =>
        handler.Ready();

    [Function("OipModelMetadata")]
    public Task<IResult> ModelMetadata(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.OipModel)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.ModelMetadataAsync(name, null, cancellationToken);

    [Function("OipModelVersionMetadata")]
    public Task<IResult> ModelVersionMetadata(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.OipModelVersion)] HttpRequest request, string name, string version, CancellationToken cancellationToken) =>
        ModelVersions.TryParse(version, out var v, out var error) ? handler.ModelMetadataAsync(name, v, cancellationToken) : Task.FromResult(error);

    [Function("OipModelReady")]
    public Task<IResult> ModelReady(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.OipModelReady)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.ModelReadyAsync(name, null, cancellationToken);

    [Function("OipModelVersionReady")]
    public Task<IResult> ModelVersionReady(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.OipModelVersionReady)] HttpRequest request, string name, string version, CancellationToken cancellationToken) =>
        ModelVersions.TryParse(version, out var v, out var error) ? handler.ModelReadyAsync(name, v, cancellationToken) : Task.FromResult(error);

    [Function("OipInfer")]
    public Task<IResult> Infer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.OipInfer)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.InferAsync(request, name, null, cancellationToken);

    [Function("OipInferVersion")]
    public Task<IResult> InferVersion(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.OipInferVersion)] HttpRequest request, string name, string version, CancellationToken cancellationToken) =>
        ModelVersions.TryParse(version, out var v, out var error) ? handler.InferAsync(request, name, v, cancellationToken) : Task.FromResult(error);
}
