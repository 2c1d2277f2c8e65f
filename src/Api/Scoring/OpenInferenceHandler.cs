using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Serverless.Api.Gpu;
using Serverless.Api.Http;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;
using Serverless.Core.Serialization;

namespace Serverless.Api.Scoring;

/// <summary>
/// The Open Inference Protocol (KServe v2) REST endpoints over the same model provider as record scoring.
/// Shared by the local host and the Functions app. Thread-safe singleton.
/// </summary>
public sealed class OpenInferenceHandler(IModelProvider models, IOptions<ScoringOptions> options, GpuRouter gpu, GpuForwarder forwarder, IScoringObserver observer)
{
    private static readonly string ServerVersion =
        typeof(OpenInferenceHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";

    /// <summary><c>GET /v2</c>: <c>{ "name", "version", "extensions": [] }</c>.</summary>
    public IResult ServerMetadata() =>
        TypedResults.Json(new ServerMetadataResponse("serverless-ml", ServerVersion, []), JsonDefaults.Options);

    /// <summary><c>GET /v2/health/live</c>: 200 while the process serves requests.</summary>
    public IResult Live() => TypedResults.Json(new { live = true }, JsonDefaults.Options);

    /// <summary>
    /// <c>GET /v2/health/ready</c>: 200 once the host has started (models load on first use). Versions refused since
    /// (an artifact that failed SHA-256 verification, a model that does not load) are listed in <c>unservable</c>: the
    /// server still serves every other version, so a probe keeps routing to it, while the body says what is refused.
    /// </summary>
    public IResult Ready() => models.Unservable is { Count: > 0 } unservable
        ? TypedResults.Json(new { ready = true, unservable }, JsonDefaults.Options)
        : TypedResults.Json(new { ready = true }, JsonDefaults.Options);

    /// <summary>
    /// <c>GET /v2/models/{name}[/versions/{v}]</c>: <c>{ "name", "versions", "platform", "inputs", "outputs" }</c>
    /// from the manifest (<c>-1</c> = variable dimension); 404 for an unknown model or version.
    /// </summary>
    public async Task<IResult> ModelMetadataAsync(string name, int? version, CancellationToken cancellationToken)
    {
        var resolution = await models.ResolveAsync(name, version, cancellationToken);
        if (!resolution.Succeeded)
        {
            return ModelLookup.ToResult(resolution);
        }

        var manifest = resolution.Model.Manifest;
        return TypedResults.Json(
            new ModelMetadataResponse(manifest.Name, [manifest.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)], "onnxruntime_onnx", manifest.Inputs, manifest.Outputs),
            JsonDefaults.Options);
    }

    /// <summary>
    /// <c>GET /v2/models/{name}[/versions/{v}]/ready</c>: 200 <c>{ "name", "ready": true }</c> once the session is
    /// loaded (this call loads it); 404 unknown; 503 with <c>{ "error" }</c> when the version cannot be served.
    /// </summary>
    public async Task<IResult> ModelReadyAsync(string name, int? version, CancellationToken cancellationToken)
    {
        var resolution = await models.ResolveAsync(name, version, cancellationToken);
        return resolution.Succeeded ? TypedResults.Json(new { name, ready = true }, JsonDefaults.Options) : ModelLookup.ToResult(resolution);
    }

    /// <summary>
    /// <c>POST /v2/models/{name}[/versions/{v}]/infer</c>: request
    /// <c>{ "id"?, "parameters"?, "inputs": [ { "name", "shape", "datatype", "data" } ], "outputs"?: [ { "name" } ] }</c>;
    /// response <c>{ "model_name", "model_version", "id", "outputs": [ { "name", "datatype", "shape", "data" } ] }</c>.
    /// 400 names the input or output at fault; 404 unknown model; 413/415 for oversized or non-JSON bodies.
    /// </summary>
    public async Task<IResult> InferAsync(HttpRequest request, string name, int? version, CancellationToken cancellationToken)
    {
        var (body, bodyError) = await JsonRequestBody.ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return bodyError!;
        }

        if (await gpu.RoutesToGpuAsync(name, version, cancellationToken))
        {
            // A "serving": "gpu" model: the GPU app checks and answers this exact body (it shares this codec).
            using (body)
            {
                return await forwarder.ForwardAsync(request, body.Span.ToArray(), name, cancellationToken);
            }
        }

        request.HttpContext.Response.Headers[GpuForwarder.ServedByHeader] = "function";
        InferRequest? inferRequest;
        string? error;
        var started = Stopwatch.GetTimestamp();
        using (body)
        {
            if (!InferRequestReader.TryRead(body.Span, out inferRequest, out error))
            {
                observer.RecordFailed(null, ScoringEndpoints.OpenInference, ScoringErrorKinds.InvalidInput, default);
                return ApiError.Result(StatusCodes.Status400BadRequest, error);
            }

            if (gpu.RoutesByRows(RowsOf(inferRequest)))
            {
                // The cost rule: one large batch of a CPU model is cheaper on the GPU app, which serves any registered version.
                return await forwarder.ForwardAsync(request, body.Span.ToArray(), name, cancellationToken);
            }
        }

        var parse = Stopwatch.GetElapsedTime(started);
        var resolution = await models.ResolveAsync(name, version, cancellationToken, version is null ? RouteHeaders.RoutingKey(request) : null);
        if (!resolution.Succeeded)
        {
            observer.RecordFailed(null, ScoringEndpoints.OpenInference, ModelLookup.ErrorKind(resolution), default);
            return ModelLookup.ToResult(resolution);
        }

        var model = resolution.Model;
        using var activity = ScoringActivity.Start(model.Manifest, ScoringEndpoints.OpenInference);
        var inferStarted = Stopwatch.GetTimestamp();
        IReadOnlyList<InferenceTensor> outputs;
        try
        {
            outputs = model.Infer(inferRequest.Inputs, inferRequest.Outputs);
        }
        catch (Exception e) when (e is InvalidInferenceInputException or OnnxRuntimeException)
        {
            observer.RecordFailed(model.Manifest, ScoringEndpoints.OpenInference, ScoringErrorKinds.InvalidInput, new ScoringTimings(parse, Parse: parse));
            // Inputs that passed every metadata check and still fail in ONNX Runtime (e.g. batch sizes that do not
            // broadcast) are the caller's too.
            return ApiError.Result(StatusCodes.Status400BadRequest,
                e is OnnxRuntimeException ? $"Model '{name}' could not run on these inputs: {e.Message}" : e.Message);
        }

        var writeStarted = Stopwatch.GetTimestamp();
        var output = new PooledBufferWriter();
        try
        {
            using var writer = new Utf8JsonWriter(output);
            InferResponseWriter.Write(writer, model.Manifest.Name, model.Manifest.Version, inferRequest.Id, outputs);
        }
        catch
        {
            output.Dispose();
            observer.RecordFailed(model.Manifest, ScoringEndpoints.OpenInference, ScoringErrorKinds.Internal, default);
            throw;
        }

        var infer = Stopwatch.GetElapsedTime(inferStarted, writeStarted);
        var write = Stopwatch.GetElapsedTime(writeStarted);
        observer.RecordScored(model.Manifest, ScoringEndpoints.OpenInference, [], RowsOf(inferRequest), null,
            new ScoringTimings(parse + infer + write, Parse: parse, Infer: infer, Write: write), RouteReasons.Call(inferRequest.Id, resolution.Reason));
        RouteHeaders.Write(request.HttpContext.Response, model.Manifest.Version, resolution.Reason);
        return new PooledJsonResult(output);
    }

    /// <summary>Rows of a request: its first input's first dimension (1 for a scalar).</summary>
    private static int RowsOf(InferRequest request) =>
        request.Inputs.Count > 0 && request.Inputs[0].Shape.Length > 0 ? (int)request.Inputs[0].Shape[0] : 1;
}
