using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Workflows;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Training.Spec;
using Serverless.Workflows.Retrain;

namespace Serverless.Api.Retrain;

/// <summary>
/// <c>POST /api/models/{name}/retrain</c>: checks the optional body and the spec it would train with, then starts
/// <see cref="RetrainOrchestrator"/> under the model's retrain instance id and answers 202 with the management payload;
/// 409 with the running instance's status URL while one runs. Each host passes its own client and how it builds links.
/// </summary>
public sealed class RetrainHandler(IModelRegistry registry, TimeProvider time)
{
    /// <summary>Largest body; a spec is a few hundred bytes, the data itself is a blob.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task<IResult> StartAsync(
        HttpRequest request, string name, DurableTaskClient client, Func<string, HttpManagementPayload> links, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        var body = RetrainBody.Default;
        if (HasBody(request))
        {
            var (json, error) = await JsonRequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            using (json)
            {
                (var read, var invalid) = RetrainBody.Read(json!.Span);
                if (invalid is not null)
                {
                    return ApiError.Result(StatusCodes.Status400BadRequest, invalid);
                }

                body = read!;
            }
        }

        var versions = await registry.ListVersionsAsync(name, cancellationToken);
        if (versions.Count == 0)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' is not registered.");
        }

        try
        {
            RetrainSpecs.Resolve(name, body.SpecJson, versions); // the same check the workflow makes, up front
        }
        catch (TrainingSpecException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
        }

        var by = request.Headers["x-ms-client-principal-name"].FirstOrDefault() is { Length: > 0 } principal ? principal : "anonymous";
        var champion = (await registry.GetDeploymentAsync(name, cancellationToken))?.Champion ?? 0;
        var start = await RetrainStarter.StartAsync(
            client, new RetrainRequest(name, body.Reason, champion, body.Detail, time.GetUtcNow(), body.SpecJson, by), cancellationToken);
        return SingletonWorkflow.Result(start, links, $"A retrain of '{name}'");
    }

    /// <summary>An empty POST (no Content-Length, not chunked, or a zero length) asks for the defaults.</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is not 0 && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false;
}
