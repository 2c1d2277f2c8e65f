using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Api.Http;
using Serverless.Api.Security;
using Serverless.Api.Workflows;
using Serverless.Workflows;

namespace Serverless.LocalHost.Durable;

/// <summary>
/// Durable Functions' built-in HTTP management API on the local host, over <see cref="DurableTaskClient"/>: same
/// routes, status codes and shapes, so a client script written for Durable Functions works unchanged.
/// </summary>
/// <remarks>Azure provides these routes itself (keyed with the system key), so the Functions app does not bind them.</remarks>
public static partial class DurableManagementApi
{
    public const string BasePath = "/runtime/webhooks/durabletask";

    public static IEndpointRouteBuilder MapDurableManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath);
        api.MapGet("/instances", ListAsync);
        api.MapGet("/instances/{instanceId}", GetStatusAsync);

        // Everything that starts, signals, stops or deletes an instance needs the API key (Azure: the system key).
        api.MapPost("/orchestrators/{functionName}/{instanceId?}", StartAsync).DisableAntiforgery().RequireApiKey();
        api.MapDelete("/instances", PurgeManyAsync).RequireApiKey();
        api.MapDelete("/instances/{instanceId}", PurgeAsync).RequireApiKey();
        api.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync).DisableAntiforgery().RequireApiKey();
        api.MapPost("/instances/{instanceId}/terminate", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, c => c.TerminateInstanceAsync(instanceId, reason, ct), ct)).DisableAntiforgery().RequireApiKey();
        api.MapPost("/instances/{instanceId}/suspend", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, c => c.SuspendInstanceAsync(instanceId, reason, ct), ct)).DisableAntiforgery().RequireApiKey();
        api.MapPost("/instances/{instanceId}/resume", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, c => c.ResumeInstanceAsync(instanceId, reason, ct), ct)).DisableAntiforgery().RequireApiKey();
        return endpoints;
    }

    /// <summary>The management URIs of an instance, rooted at the request's host (as Durable Functions' payload).</summary>
    public static HttpManagementPayload CreateHttpManagementPayload(HttpRequest request, string instanceId)
    {
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        return new HttpManagementPayload(
            instanceId,
            instance,
            instance + "/raiseEvent/{eventName}",
            instance + "/terminate?reason={text}",
            instance + "/suspend?reason={text}",
            instance + "/resume?reason={text}",
            instance);
    }

    /// <summary>202 Accepted with <c>Location</c> and the payload, as <c>CreateCheckStatusResponseAsync</c>.</summary>
    public static Accepted<HttpManagementPayload> CreateCheckStatusResponse(HttpRequest request, string instanceId) =>
        WorkflowAccepted.Result(CreateHttpManagementPayload(request, instanceId));

    private static async Task<IResult> StartAsync(
        HttpRequest request, string functionName, string? instanceId, DurableTaskClient client, IOptions<WorkflowCatalog> catalog, CancellationToken ct)
    {
        if (!catalog.Value.Orchestrators.ContainsKey(functionName))
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"No orchestrator named '{functionName}'.");
        }

        var (input, error) = await ManagementBody.ReadJsonAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, new StartOrchestrationOptions(instanceId), ct);
            return CreateCheckStatusResponse(request, id);
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            return ApiError.Result(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private static async Task<IResult> GetStatusAsync(HttpRequest request, string instanceId, DurableTaskClient client, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct) is not { } metadata)
        {
            return NotFound(instanceId);
        }

        var body = DurableStatusResponse.From(metadata);
        return metadata.IsCompleted
            ? TypedResults.Ok(body)
            : TypedResults.Accepted(CreateHttpManagementPayload(request, instanceId).StatusQueryGetUri, body);
    }

    private static async Task<IResult> RaiseEventAsync(HttpRequest request, string instanceId, string eventName, DurableTaskClient client, CancellationToken ct)
    {
        var (payload, error) = await ManagementBody.ReadJsonAsync(request, ct);
        return error ?? await ControlAsync(instanceId, client, c => c.RaiseEventAsync(instanceId, eventName, payload, ct), ct);
    }

    /// <summary>404 for an unknown instance, 410 for a finished one, else runs <paramref name="action"/> and answers 202.</summary>
    private static async Task<IResult> ControlAsync(string instanceId, DurableTaskClient client, Func<DurableTaskClient, Task> action, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is not { } metadata)
        {
            return NotFound(instanceId);
        }

        if (metadata.IsCompleted)
        {
            return ApiError.Result(StatusCodes.Status410Gone, $"Instance '{instanceId}' is {metadata.RuntimeStatus}.");
        }

        await action(client);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is not { } metadata)
        {
            return NotFound(instanceId);
        }

        if (!metadata.IsCompleted)
        {
            return ApiError.Result(StatusCodes.Status409Conflict, $"Instance '{instanceId}' is {metadata.RuntimeStatus}; terminate it before purging.");
        }

        var result = await client.PurgeInstanceAsync(instanceId, ct);
        return TypedResults.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static IResult NotFound(string instanceId) => ApiError.Result(StatusCodes.Status404NotFound, $"No instance '{instanceId}'.");
}
