namespace Serverless.Core.Capacity;

/// <summary>
/// The numbers an estimate assumes rather than measures, each with its default and why (docs/capacity.md lists
/// them too). Change them when a measurement in Azure says otherwise; they are inputs, not settings.
/// </summary>
public sealed record CapacityAssumptions
{
    /// <summary>Flex Consumption instance size; CPU is allocated in proportion (2048 MB = 1 vCPU).</summary>
    public int InstanceMemoryMB { get; init; } = 2048;

    /// <summary>The Functions host forwards each request to the isolated worker's Kestrel: a second HTTP hop. Not
    /// measurable here (the host is not installable); 2x the HTTP part is an assumption to check in staging.</summary>
    public double FunctionsHostFactor { get; init; } = 2.0;

    /// <summary>Share of each vCPU planned to be busy; the rest absorbs bursts, GC and scale-out lag.</summary>
    public double TargetUtilization { get; init; } = 0.6;

    /// <summary>Concurrent HTTP requests per instance (Flex <c>perInstanceConcurrency</c>; main.bicep's parameter).</summary>
    public int HttpConcurrencyPerInstance { get; init; } = 16;

    /// <summary>Share of requests a shadow version also scores (0..1): its row cost is paid again, off the response.</summary>
    public double ShadowFraction { get; init; }

    /// <summary>Extra capacity kept for experiments (canaries, A/B, shadows, a load test): quotas and maximum
    /// instance count are requested with it, the steady-state instance count is not.</summary>
    public double ExperimentHeadroom { get; init; } = 0.25;

    /// <summary>Host, worker and runtime before any model is loaded.</summary>
    public int BaselineMemoryMB { get; init; } = 300;

    /// <summary>An ONNX Runtime session takes about this many times the model file in memory.</summary>
    public double SessionMemoryFactor { get; init; } = 3.0;

    /// <summary>Versions loaded at once during a rollout (champion, canary or challenger, shadow).</summary>
    public int LoadedVersions { get; init; } = 3;

    /// <summary>Flex Consumption's limit on instances of one app.</summary>
    public int MaxInstancesPerApp { get; init; } = 1000;

    /// <summary>Flex Consumption's default regional memory quota per subscription (all Flex apps together).</summary>
    public int RegionalFlexMemoryQuotaMB { get; init; } = 512_000;

    /// <summary>Batch scoring throughput per vCPU: bench/README.md's 245,441 CSV rows/s on 2 shared cores, halved.</summary>
    public double BatchRowsPerSecondPerVcpu { get; init; } = 122_720;

    /// <summary>Batch peak memory per file being scored (bench/README.md: 137 MB for 1M CSV rows, 238 MB Parquet).</summary>
    public int BatchPeakMemoryMB { get; init; } = 240;

    /// <summary>Training throughput per vCPU (LightGBM, 100 trees): the sample's 20,000 rows train in about a second.</summary>
    public double TrainingRowsPerSecondPerVcpu { get; init; } = 20_000;

    /// <summary>Training holds the data in memory: bytes per row and feature, with ML.NET's copies.</summary>
    public double TrainingBytesPerValue { get; init; } = 16;

    /// <summary>vCPUs of one GPU replica (Consumption-GPU-NC8as-T4: 8 vCPU, 1 T4).</summary>
    public int GpuReplicaVcpu { get; init; } = 8;
}
