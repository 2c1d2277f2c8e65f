namespace Serverless.Durable.Replay;

/// <summary>
/// Replay found the orchestrator doing something other than what its history records: the code changed while an
/// instance was in flight, or it is not deterministic (clock, random, I/O). The instance fails with this error.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
