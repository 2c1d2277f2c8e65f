using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Serverless.Api.Http;
using Serverless.Core.Workflows;

namespace Serverless.Durable.Http;

/// <summary>
/// Durable Functions' built-in HTTP management API on the local host, same routes, status codes and shapes, so a
/// client script written for Durable Functions works unchanged: start, status, raise event, terminate, purge.
/// </summary>
public static class DurableManagementApi
{
    public const string BasePath = "/runtime/webhooks/durabletask";

    /// <summary>Largest event or input body accepted.</summary>
    private const int MaxBodyBytes = 1 << 20;

    public static IEndpointRouteBuilder MapDurableManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath);
        api.MapPost("/orchestrators/{functionName}/{instanceId?}", StartAsync).DisableAntiforgery();
        api.MapGet("/instances/{instanceId}", GetStatusAsync);
        api.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync).DisableAntiforgery();
        api.MapPost("/instances/{instanceId}/terminate", TerminateAsync).DisableAntiforgery();
        api.MapDelete("/instances/{instanceId}", PurgeAsync);
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
            instance);
    }

    /// <summary>202 Accepted with <c>Location</c> and the payload, as <c>CreateCheckStatusResponseAsync</c>.</summary>
    public static IResult CreateCheckStatusResponse(HttpRequest request, string instanceId)
    {
        var payload = CreateHttpManagementPayload(request, instanceId);
        return TypedResults.Accepted(payload.StatusQueryGetUri, payload);
    }

    private static async Task<IResult> StartAsync(
        HttpRequest request, string functionName, string? instanceId, IWorkflowClient client, IOptions<WorkflowRegistry> registry, CancellationToken cancellationToken)
    {
        if (!registry.Value.TryGetOrchestrator(functionName, out _))
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"No orchestrator named '{functionName}'.");
        }

        var (input, error) = await ReadJsonAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var id = await client.StartAsync(functionName, input, instanceId, cancellationToken);
            return CreateCheckStatusResponse(request, id);
        }
        catch (WorkflowInstanceExistsException e)
        {
            return ApiError.Result(StatusCodes.Status409Conflict, e.Message);
        }
        catch (ArgumentException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static async Task<IResult> GetStatusAsync(HttpRequest request, string instanceId, IWorkflowClient client, CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(instanceId, cancellationToken);
        if (status is null)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"No instance '{instanceId}'.");
        }

        var body = DurableStatusResponse.From(status);
        return status.IsTerminal
            ? TypedResults.Ok(body)
            : TypedResults.Accepted(CreateHttpManagementPayload(request, instanceId).StatusQueryGetUri, body);
    }

    private static async Task<IResult> RaiseEventAsync(
        HttpRequest request, string instanceId, string eventName, IWorkflowClient client, CancellationToken cancellationToken)
    {
        var (payload, error) = await ReadJsonAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var status = await client.GetStatusAsync(instanceId, cancellationToken);
        if (status is null)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"No instance '{instanceId}'.");
        }

        if (status.IsTerminal)
        {
            return ApiError.Result(StatusCodes.Status410Gone, $"Instance '{instanceId}' is {status.RuntimeStatus}.");
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> TerminateAsync(string instanceId, string? reason, IWorkflowClient client, CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(instanceId, cancellationToken);
        if (status is null)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"No instance '{instanceId}'.");
        }

        if (status.IsTerminal)
        {
            return ApiError.Result(StatusCodes.Status410Gone, $"Instance '{instanceId}' is {status.RuntimeStatus}.");
        }

        await client.TerminateAsync(instanceId, reason, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> PurgeAsync(string instanceId, IWorkflowClient client, CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(instanceId, cancellationToken);
        if (status is null)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"No instance '{instanceId}'.");
        }

        if (!await client.PurgeAsync(instanceId, cancellationToken))
        {
            return ApiError.Result(StatusCodes.Status409Conflict, $"Instance '{instanceId}' is {status.RuntimeStatus}; terminate it before purging.");
        }

        return TypedResults.Ok(new { instancesDeleted = 1 });
    }

    /// <summary>The body as JSON (null when empty), or a 400/413 result.</summary>
    private static async Task<(JsonElement? Value, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {MaxBodyBytes} bytes."));
        }

        using var reader = new StreamReader(request.Body);
        var body = new System.Text.StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            body.Append(buffer, 0, read);
            if (body.Length > MaxBodyBytes)
            {
                return (null, ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {MaxBodyBytes} bytes."));
            }
        }

        var text = body.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (null, ApiError.Result(StatusCodes.Status400BadRequest, $"The body is not JSON: {e.Message}"));
        }
    }
}
