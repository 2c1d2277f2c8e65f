namespace Serverless.Core.Capacity;

/// <summary>
/// An estimate, with the arithmetic that produced it (<see cref="Steps"/>, one line per step, in order) and what it
/// could not satisfy (<see cref="Warnings"/>). Instance counts are the steady state; quotas include the headroom.
/// </summary>
public sealed record CapacityEstimate(
    FunctionsCapacity Functions,
    int GpuReplicas,
    PipelineCapacity Batch,
    PipelineCapacity Training,
    QuotaRequest Quotas,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Warnings,
    string CostSource);
