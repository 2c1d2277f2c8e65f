namespace Serverless.Core.Workflows;

/// <summary>An orchestrator registered by name; <see cref="RunAsync"/> returns its output as JSON (or null).</summary>
public sealed record RegisteredOrchestrator(string Name, Func<IOrchestrationContext, Task<string?>> RunAsync);
