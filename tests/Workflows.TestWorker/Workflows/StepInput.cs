namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>A step of a test orchestration; <see cref="LogPath"/> records every execution, across processes.</summary>
public sealed record StepInput(string LogPath, string Step);
