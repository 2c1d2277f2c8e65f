using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Workflows;
using Serverless.Core.Models;
using Serverless.Training.Spec;
using Serverless.Workflows.Training;

namespace Serverless.Api.Training;

/// <summary>
/// <c>POST /api/models/{name}/train</c>: checks the spec, then starts <see cref="TrainModelOrchestrator"/> and answers
/// 202 with the management payload. Each host passes its own client and how it builds management links.
/// </summary>
public sealed class TrainingHandler(IModelRegistry registry)
{
    /// <summary>Largest spec body; specs are a few hundred bytes, the data itself is a blob.</summary>
    public const int MaxSpecBytes = 64 * 1024;

    public async Task<IResult> StartAsync(
        HttpRequest request, string name, DurableTaskClient client, Func<string, HttpManagementPayload> links, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        var (body, error) = await JsonRequestBody.ReadAsync(request, MaxSpecBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        TrainingSpec spec;
        using (body)
        {
            try
            {
                spec = WorkflowTrainingSpec.Read(body!.Span);
            }
            catch (TrainingSpecException e)
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
            }
        }

        if (spec.Name is { } specName && specName != name)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"'name': the spec names model '{specName}' but the route trains '{name}'.");
        }

        var by = request.Headers["x-ms-client-principal-name"].FirstOrDefault() is { Length: > 0 } principal ? principal : "anonymous";
        var champion = (await registry.GetDeploymentAsync(name, cancellationToken))?.Champion;
        var id = $"train-{name}-{Guid.NewGuid():N}";
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TrainModelOrchestrator),
            new TrainModelRequest(name, TrainingSpecReader.Write(spec), by, "manual", champion),
            new StartOrchestrationOptions(id),
            cancellationToken);
        return WorkflowAccepted.Result(links(id));
    }
}
