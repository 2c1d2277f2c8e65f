using Microsoft.AspNetCore.Http;
using Serverless.Api.Gpu;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.GpuServing.Http;

internal sealed partial class GpuInferenceHandler
{
    /// <summary>
    /// <c>POST /api/models/{name}[/versions/{version}]/predict</c>: the function app's record contract, for the models it
    /// forwards here. Records are encoded with the version's feature schema into one FP32 <c>[N, features]</c> tensor,
    /// which goes through the model's dynamic batcher like any infer request, and the outputs come back as
    /// <c>{ "requestId", "model", "version", "predictions" }</c>. Bad bodies get the function app's 400s.
    /// </summary>
    public async Task<IResult> PredictAsync(HttpRequest request, string name, int? version, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers[GpuForwarder.ServedByHeader] = "gpu";
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
            var rows = 0;
            return await RunAsync(request.HttpContext, name, version, model =>
            {
                var manifest = model.Manifest;
                if (RecordTensors.Unsupported(manifest) is { } why)
                {
                    return (null, ApiError.Result(StatusCodes.Status400BadRequest,
                        $"Model '{name}' version {manifest.Version} {why}; send tensors to POST /v2/models/{name}/versions/{manifest.Version}/infer."));
                }

                if (!RecordTensors.TryEncode(model.Encoder!, name, body.Span, options.Value.MaxRecordsPerRequest, out var input, out var error))
                {
                    return (null, ApiError.Result(StatusCodes.Status400BadRequest, error));
                }

                rows = (int)input.Shape[0];
                return (new InferRequest(requestId, [input], null), null);
            }, (model, outputs) => Records(model.Manifest, requestId, rows, outputs), cancellationToken);
        }
    }

    private static IResult Records(ModelManifest manifest, string requestId, int rows, IReadOnlyList<InferenceTensor> outputs)
    {
        var predictions = RecordTensors.ToPredictions(manifest, rows, outputs);
        var output = new PooledBufferWriter();
        try
        {
            RecordTensors.Write(output, requestId, manifest, null, predictions);
        }
        catch
        {
            output.Dispose();
            throw;
        }

        return new PooledJsonResult(output);
    }
}
