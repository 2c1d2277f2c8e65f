using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Gpu;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Api.Scoring;

/// <summary>
/// Record scoring over HTTP: <c>POST /api/models/{name}[/versions/{version}]/predict</c>. Shared by the local
/// host and the Functions app; each binds its route and calls <see cref="PredictAsync"/>. Thread-safe singleton.
/// </summary>
public sealed class ScoringHandler(
    IModelProvider models, RecordScorer scorer, IOptions<ScoringOptions> options, IScoringObserver observer, ShadowScorer shadows,
    GpuRouter gpu, GpuForwarder forwarder)
{
    /// <summary>
    /// Body <c>{ "records": [ { field: value, ... } ] }</c>; answers 200
    /// <c>{ "requestId", "model", "version", "reason", "predictions": [ { "label", "probabilities" } | { "value" } ] }</c>
    /// (<c>reason</c> and the <c>x-route-reason</c> header say why that version answered: champion, canary, ab:B, ...),
    /// or 400/404/413/415/500 with <c>{ "error" }</c>. Below full automation the body takes the model's level's shape
    /// (<c>automation</c>, docs/monitoring.md), read from the cached deployment state with the route. The request id comes from <c>x-request-id</c> or is generated.
    /// </summary>
    public async Task<IResult> PredictAsync(HttpRequest request, string name, int? version, CancellationToken cancellationToken)
    {
        if (!RequestIds.TryGet(request, out var requestId, out var idError))
        {
            return idError;
        }

        var (body, bodyError) = await JsonRequestBody.ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return bodyError!;
        }

        using (body)
        {
            if (await gpu.RoutesToGpuAsync(name, version, cancellationToken))
            {
                // A "serving": "gpu" model: the GPU app answers this exact body with the same record contract.
                return await forwarder.ForwardAsync(request, body.Span.ToArray(), name, cancellationToken);
            }

            request.HttpContext.Response.Headers[GpuForwarder.ServedByHeader] = "function";
            var routingKey = version is null ? await RouteHeaders.RoutingKeyAsync(request, models, name, body.Memory, cancellationToken) : null;
            var resolution = await models.ResolveAsync(name, version, cancellationToken, routingKey);
            if (!resolution.Succeeded)
            {
                observer.RecordFailed(null, ScoringEndpoints.Records, ModelLookup.ErrorKind(resolution), default);
                return ModelLookup.ToResult(resolution);
            }

            var model = resolution.Model;
            var manifest = model.Manifest;
            using var activity = ScoringActivity.Start(manifest, ScoringEndpoints.Records);
            if (model.Encoder is null || manifest.Task == ModelTask.Other)
            {
                var why = model.Encoder is null ? "has no feature schema, so records cannot be encoded" : "has task 'other', so its outputs have no record form";
                return ApiError.Result(StatusCodes.Status400BadRequest,
                    $"Model '{name}' version {manifest.Version} {why}; send tensors to POST /v2/models/{name}/versions/{manifest.Version}/infer.");
            }

            var output = new PooledBufferWriter();
            try
            {
                var call = RouteReasons.Call(requestId, resolution.Reason) with { Automation = resolution.Automation };
                if (!scorer.TryScore(model, body.Span, call, output, out var error, out var predictions))
                {
                    output.Dispose();
                    return ApiError.Result(StatusCodes.Status400BadRequest, error);
                }

                if (resolution.Shadow is { } shadow)
                {
                    shadows.TryEnqueue(model, predictions, shadow, body.Span);
                }
            }
            catch
            {
                output.Dispose();
                observer.RecordFailed(manifest, ScoringEndpoints.Records, ScoringErrorKinds.Internal, default);
                throw;
            }

            RouteHeaders.Write(request.HttpContext.Response, manifest.Version, resolution.Reason);
            return new PooledJsonResult(output);
        }
    }
}
