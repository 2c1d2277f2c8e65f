namespace Serverless.Core.Capacity;

/// <summary>The function app's share: instances, their size, and the limits to configure.</summary>
public sealed record FunctionsCapacity(
    double RequestsPerSecond,
    double CpuMicrosecondsPerRequest,
    double RequestsPerInstance,
    int Instances,
    int MaximumInstanceCount,
    int InstanceMemoryMB,
    int MemoryNeededMB,
    double EstimatedP99Ms);
