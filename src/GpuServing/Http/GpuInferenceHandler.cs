using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Serverless.Api.Gpu;
using Serverless.Api.Http;
using Serverless.Api.Scoring;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;
using Serverless.Core.Serialization;
using Serverless.GpuServing.Batching;
using Serverless.GpuServing.Hosting;
using Serverless.GpuServing.Models;

namespace Serverless.GpuServing.Http;

/// <summary>
/// The Open Inference Protocol v2 endpoints of the GPU app, over the function app's codec (bounded JSON body,
/// <see cref="InferRequestReader"/>, <see cref="InferenceSignature"/> checks, <see cref="InferResponseWriter"/>),
/// so callers get the same responses, bad input included, from either. Thread-safe singleton.
/// </summary>
/// <remarks>
/// Differences, all about readiness and load: <c>/v2/health/ready</c> is 503 <c>{ "ready": false }</c> until the
/// configured models are warmed; a model's ready route is 503 <c>{ "name", "ready": false }</c> while it loads; a full
/// queue is 503 with <c>Retry-After</c>.
/// </remarks>
internal sealed partial class GpuInferenceHandler(ModelCatalog catalog, IOptions<GpuServingOptions> options)
{
    private const int MaxLookups = 3;

    private static readonly string ServerVersion =
        typeof(GpuInferenceHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";

    /// <summary><c>GET /v2</c>.</summary>
    public IResult ServerMetadata() =>
        TypedResults.Json(new ServerMetadataResponse("serverless-ml-gpu", ServerVersion, []), JsonDefaults.Options);

    /// <summary><c>GET /v2/health/live</c>: 200 while the process serves requests.</summary>
    public IResult Live() => TypedResults.Json(new { live = true }, JsonDefaults.Options);

    /// <summary><c>GET /v2/health/ready</c>: 200 once every configured model is loaded and warmed, 503 before.</summary>
    public IResult Ready() => catalog.IsReady
        ? TypedResults.Json(new { ready = true }, JsonDefaults.Options)
        : TypedResults.Json(new { ready = false }, JsonDefaults.Options, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary><c>GET /v2/models/{name}[/versions/{v}]</c>: the manifest's inputs and outputs (loads the model).</summary>
    public async Task<IResult> ModelMetadataAsync(string name, int? version, CancellationToken cancellationToken)
    {
        var (model, error) = await ResolveAsync(name, version, cancellationToken);
        if (model is null)
        {
            return error!;
        }

        var manifest = model.Manifest;
        return TypedResults.Json(
            new ModelMetadataResponse(manifest.Name, [manifest.Version.ToString(CultureInfo.InvariantCulture)], "onnxruntime_onnx", manifest.Inputs, manifest.Outputs),
            JsonDefaults.Options);
    }

    /// <summary>
    /// <c>GET /v2/models/{name}[/versions/{v}]/ready</c>: 200 <c>{ "name", "ready": true }</c> once warmed; 503 with
    /// <c>ready: false</c> while loading (this call starts the load); 404 unknown; 503 <c>{ "error" }</c> when it cannot be served.
    /// </summary>
    public async Task<IResult> ModelReadyAsync(string name, int? version, CancellationToken cancellationToken)
    {
        if (catalog.Find(name, version) is { IsReady: true })
        {
            return TypedResults.Json(new { name, ready = true }, JsonDefaults.Options);
        }

        Task<ServedModel> load;
        try
        {
            load = await catalog.StartAsync(name, version, cancellationToken);
        }
        catch (ModelNotFoundException e)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, e.Message);
        }

        if (!load.IsCompleted)
        {
            return TypedResults.Json(new { name, ready = false }, JsonDefaults.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var (_, error) = await ResolveAsync(name, version, cancellationToken);
        return error is null
            ? TypedResults.Json(new { name, ready = true }, JsonDefaults.Options)
            : error is IStatusCodeHttpResult { StatusCode: StatusCodes.Status500InternalServerError } and IValueHttpResult { Value: ApiError apiError }
                ? ApiError.Result(StatusCodes.Status503ServiceUnavailable, apiError.Error)
                : error;
    }

    /// <summary>
    /// <c>POST /v2/models/{name}[/versions/{v}]/infer</c>: the function app's contract; the request waits in the
    /// model's batching queue. 503 with <c>Retry-After</c> when the queue is full or the app is stopping.
    /// </summary>
    public async Task<IResult> InferAsync(HttpRequest request, string name, int? version, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers[GpuForwarder.ServedByHeader] = "gpu";
        var (body, bodyError) = await JsonRequestBody.ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return bodyError!;
        }

        InferRequest? inferRequest;
        string? error;
        using (body)
        {
            if (!InferRequestReader.TryRead(body.Span, out inferRequest, out error))
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, error);
            }
        }

        return await RunAsync(request.HttpContext, name, version, _ => (inferRequest, null), (model, outputs) => Respond(model, inferRequest.Id, outputs), cancellationToken);
    }

    /// <summary>
    /// Resolves the model, builds its request (<paramref name="prepare"/> may refuse with a 400), runs it through the
    /// model's batcher and answers with <paramref name="respond"/>; a version unloaded between lookup and call is looked
    /// up again, a full queue or an unloading model is 503 with <c>Retry-After</c>.
    /// </summary>
    private async Task<IResult> RunAsync(
        HttpContext context, string name, int? version, Func<ServedModel, (InferRequest? Request, IResult? Error)> prepare,
        Func<ServedModel, IReadOnlyList<InferenceTensor>, IResult> respond, CancellationToken cancellationToken)
    {
        for (var lookup = 1; ; lookup++)
        {
            var (model, lookupError) = await ResolveAsync(name, version, cancellationToken);
            if (model is null)
            {
                return lookupError!;
            }

            var (inferRequest, refused) = prepare(model);
            if (inferRequest is null)
            {
                return refused!;
            }

            try
            {
                var outputs = await model.InferAsync(inferRequest, cancellationToken);
                return respond(model, outputs);
            }
            catch (ModelRetiredException) when (lookup < MaxLookups)
            {
                // Unloaded between lookup and call: the next lookup finds the current version (or reloads this one).
            }
            catch (ModelRetiredException e)
            {
                return Unavailable(context, e.Message);
            }
            catch (QueueFullException e)
            {
                return Unavailable(context, e.Message);
            }
            catch (InvalidInferenceInputException e)
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
            }
            catch (OnnxRuntimeException e)
            {
                // Inputs passed every metadata check, so what is left (e.g. batch sizes that do not broadcast) is theirs.
                return ApiError.Result(StatusCodes.Status400BadRequest, $"Model '{name}' could not run on these inputs: {e.Message}");
            }
        }
    }

    private static PooledJsonResult Respond(ServedModel model, string? id, IReadOnlyList<InferenceTensor> outputs)
    {
        var output = new PooledBufferWriter();
        try
        {
            using var writer = new Utf8JsonWriter(output);
            InferResponseWriter.Write(writer, model.Manifest.Name, model.Manifest.Version, id, outputs);
        }
        catch
        {
            output.Dispose();
            throw;
        }

        return new PooledJsonResult(output);
    }

    private IResult Unavailable(HttpContext context, string message)
    {
        context.Response.Headers.RetryAfter = options.Value.Batching.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiError.Result(StatusCodes.Status503ServiceUnavailable, message);
    }
}
