namespace Serverless.GpuServing.Execution;

/// <summary>The configured execution provider cannot be used here; the message says why and what to change.</summary>
public sealed class ExecutionProviderUnavailableException(string message, Exception? inner) : Exception(message, inner);
