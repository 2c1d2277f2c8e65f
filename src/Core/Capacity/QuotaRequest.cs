namespace Serverless.Core.Capacity;

/// <summary>The Azure quotas to request in the region (with the experiment headroom).</summary>
public sealed record QuotaRequest(int RegionalVcpu, int FlexMemoryMB, int FlexMaximumInstances, int GpuCount);
