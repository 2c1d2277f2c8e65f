namespace Serverless.Api.Workflows;

/// <summary>The 202 of <c>POST /api/workflows/{id}/events/{event}</c>: the event was delivered; the instance acts on it next.</summary>
public sealed record WorkflowEventAccepted(string InstanceId, string Event, string StatusQueryGetUri);
