namespace Serverless.Core.Workflows;

/// <summary>
/// An activity registered by name; <see cref="RunAsync"/> takes its input as JSON (or null) and returns its output
/// as JSON (or null).
/// </summary>
public sealed record RegisteredActivity(string Name, Func<WorkflowActivityContext, string?, Task<string?>> RunAsync);
