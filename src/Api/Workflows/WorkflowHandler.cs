using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Api.Rollout;
using Serverless.Core.Rollout;
using Serverless.Core.Serialization;
using Serverless.Workflows.Rollout;

namespace Serverless.Api.Workflows;

/// <summary>
/// <c>GET /api/workflows/{id}</c> (any workflow instance: status, custom status, output) and
/// <c>POST /api/workflows/{id}/events/{promote|abort|rollback}</c> (a running rollout). Shared by both hosts; the POST is keyed.
/// </summary>
public sealed class WorkflowHandler
{
    /// <summary>Instance ids are ours (<c>rollout-churn</c>, <c>train-churn-...</c>); anything longer is no instance.</summary>
    public const int MaxIdLength = 200;

    private static readonly Dictionary<string, string> RolloutEvents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["promote"] = RolloutNames.PromoteEvent,
        ["abort"] = RolloutNames.AbortEvent,
        ["rollback"] = RolloutNames.RollbackEvent,
    };

    public async Task<IResult> GetAsync(string id, DurableTaskClient client, CancellationToken cancellationToken) =>
        await FindAsync(id, client, inputs: true, cancellationToken) is { } metadata
            ? TypedResults.Json(DurableStatusResponse.From(metadata), JsonDefaults.Options)
            : NotFound(id);

    /// <summary>202 once raised; 400 for an event that is not promote, abort or rollback, or an instance that is no rollout; 404 unknown; 409 finished.</summary>
    public async Task<IResult> RaiseAsync(
        HttpRequest request, string id, string eventName, DurableTaskClient client, Func<string, HttpManagementPayload> links, CancellationToken cancellationToken)
    {
        if (!RolloutEvents.TryGetValue(eventName, out var raised))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"event: '{eventName}' is not promote, abort or rollback.");
        }

        var (body, error) = await ControlBody.ReadAsync(request, new WorkflowEventRequest(null), cancellationToken);
        if (body is null)
        {
            return error!;
        }

        if (body.Reason is { Length: > RolloutHandler.MaxReasonLength })
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"reason is longer than {RolloutHandler.MaxReasonLength} characters.");
        }

        if (await FindAsync(id, client, inputs: true, cancellationToken) is not { } metadata)
        {
            return NotFound(id);
        }

        if (metadata.Name != RolloutNames.Orchestrator)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Instance '{id}' is a {metadata.Name}, not a rollout: it takes no {eventName} event.");
        }

        if (metadata.IsCompleted)
        {
            return ApiError.Result(StatusCodes.Status409Conflict, $"Instance '{id}' is {metadata.RuntimeStatus.ToString().ToLowerInvariant()}; it takes no more events.");
        }

        var by = ControlBody.Caller(request);
        var reason = body.Reason ?? $"{eventName.ToLowerInvariant()} requested";
        object payload = raised == RolloutNames.RollbackEvent
            ? new RollbackSignal(metadata.ReadInputAs<RolloutRequest>()?.Model ?? "", $"{reason} (by {by})", null)
            : new RolloutCommand(by, reason);
        await client.RaiseEventAsync(id, raised, payload, cancellationToken);
        return TypedResults.Accepted(links(id).StatusQueryGetUri, new WorkflowEventAccepted(id, eventName.ToLowerInvariant(), links(id).StatusQueryGetUri));
    }

    private static async Task<OrchestrationMetadata?> FindAsync(string id, DurableTaskClient client, bool inputs, CancellationToken cancellationToken) =>
        id.Length is 0 or > MaxIdLength ? null : await client.GetInstanceAsync(id, inputs, cancellationToken);

    private static IResult NotFound(string id) => ApiError.Result(StatusCodes.Status404NotFound, $"No workflow instance '{id}'.");
}
