namespace Serverless.Core.Capacity;

/// <summary>A batch or training pipeline: vCPUs, memory per worker, and hours for the given data.</summary>
public sealed record PipelineCapacity(double Vcpu, int MemoryMB, double Hours);
