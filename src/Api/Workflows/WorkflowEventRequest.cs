namespace Serverless.Api.Workflows;

/// <summary>The optional body of <c>POST /api/workflows/{id}/events/{event}</c>: <c>{ "reason": "..." }</c>.</summary>
public sealed record WorkflowEventRequest(string? Reason);
