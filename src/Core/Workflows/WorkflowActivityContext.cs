namespace Serverless.Core.Workflows;

/// <summary>What an activity receives besides its input: where it runs and how to stop.</summary>
/// <remarks>
/// Activities run at least once (a crash mid-activity runs it again), so they must be idempotent. They may do
/// I/O and use clocks freely; only orchestrators must be deterministic.
/// </remarks>
public sealed record WorkflowActivityContext(
    string Name,
    string InstanceId,
    IServiceProvider Services,
    CancellationToken CancellationToken);
