namespace Serverless.Durable.TestWorker;

/// <summary>Input of the logging test activities: the log file shared by every process of a test, and a step name.</summary>
public sealed record StepInput(string LogPath, string Step);
