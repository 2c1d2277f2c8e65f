namespace Serverless.Api.Workflows;

/// <summary>The 409 of a start refused because the model's instance is still running: what runs, and where to watch it.</summary>
public sealed record WorkflowConflict(string Error, string InstanceId, string StatusQueryGetUri);
