using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Serverless.Api.Workflows;

/// <summary>The answer to a route that starts a workflow: 202 with <c>Location</c> and Durable Functions' management payload.</summary>
public static class WorkflowAccepted
{
    public static Accepted<HttpManagementPayload> Result(HttpManagementPayload payload) =>
        TypedResults.Accepted(payload.StatusQueryGetUri, payload);
}
