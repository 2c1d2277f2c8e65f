using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Serverless.Workflows;

namespace Serverless.Api.Workflows;

/// <summary>The HTTP answer to starting a workflow under a fixed instance id (one per model), by <see cref="SingletonOrchestration"/>.</summary>
public static class SingletonWorkflow
{
    /// <summary>
    /// 202 with the management payload when <paramref name="start"/> started the instance; 409 <see cref="WorkflowConflict"/>
    /// naming the running instance's status URL when it was pending, running or suspended.
    /// </summary>
    /// <param name="what">What runs, for the error (<c>A rollout of 'churn'</c>).</param>
    public static IResult Result(SingletonStart start, Func<string, HttpManagementPayload> links, string what)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(links);
        var payload = links(start.InstanceId);
        if (start.Running is not { } status)
        {
            return WorkflowAccepted.Result(payload);
        }

        return TypedResults.Json(
            new WorkflowConflict(
                $"{what} is already {status.ToString().ToLowerInvariant()} (instance '{start.InstanceId}'); follow it at statusQueryGetUri.",
                start.InstanceId, payload.StatusQueryGetUri),
            statusCode: StatusCodes.Status409Conflict);
    }
}
