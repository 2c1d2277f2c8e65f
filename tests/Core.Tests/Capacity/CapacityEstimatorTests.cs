using Serverless.Core.Capacity;

namespace Serverless.Core.Tests.Capacity;

/// <summary>Expected values are computed by hand from the bench numbers (docs/capacity.md shows the same steps).</summary>
public sealed class CapacityEstimatorTests
{
    private static readonly MeasuredCost Bench = MeasuredCost.SampleChurnBench;

    [Fact]
    public void Estimate_MillionSingleRowRequestsAtDefaultConcurrency_ConcurrencyBindsAndWarns()
    {
        var estimate = CapacityEstimator.Estimate(new CapacityRequest(1_000_000, 50), Bench, new CapacityAssumptions());

        // CPU/request 2 x 36.34 + 6.74 = 79.42 us; p99 2 x 3.04 = 6.08 ms; 16 / 6.08 ms = 2,631.6 requests/s per instance.
        Assert.Equal(79.42, estimate.Functions.CpuMicrosecondsPerRequest, 2);
        Assert.Equal(6.08, estimate.Functions.EstimatedP99Ms, 2);
        Assert.Equal(2631.6, estimate.Functions.RequestsPerInstance, 1);
        Assert.Equal(380, estimate.Functions.Instances);
        Assert.Contains(estimate.Warnings, w => w.Contains("raise httpPerInstanceConcurrency", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_MillionSingleRowRequestsAtConcurrency64_CpuBinds()
    {
        var assumptions = new CapacityAssumptions { HttpConcurrencyPerInstance = 64 };

        var estimate = CapacityEstimator.Estimate(new CapacityRequest(1_000_000, 50), Bench, assumptions);

        // 1 vCPU x 0.6 / 79.42 us = 7,555 requests/s; 1,000,000 / 7,555 = 132.4 -> 133; x 1.25 = 166.25 -> 167.
        Assert.Equal(7555.0, estimate.Functions.RequestsPerInstance, 0);
        Assert.Equal(133, estimate.Functions.Instances);
        Assert.Equal(167, estimate.Functions.MaximumInstanceCount);
        Assert.Equal(new QuotaRequest(167, 167 * 2048, 167, 0), estimate.Quotas);
        Assert.Equal(0, estimate.GpuReplicas);
        Assert.Empty(estimate.Warnings);
    }

    [Fact]
    public void Estimate_HundredRowsPerRequest_NeedsFewInstances()
    {
        var estimate = CapacityEstimator.Estimate(new CapacityRequest(1_000_000, 50, RowsPerRequest: 100), Bench, new CapacityAssumptions());

        // 10,000 requests/s x (72.68 + 195 us) = 267.68 us each; 0.6 / 267.68 us = 2,241.5 per instance -> 5 instances.
        Assert.Equal(10_000, estimate.Functions.RequestsPerSecond, 6);
        Assert.Equal(267.68, estimate.Functions.CpuMicrosecondsPerRequest, 2);
        Assert.Equal(5, estimate.Functions.Instances);
    }

    [Fact]
    public void Estimate_ShadowOnEveryRequest_PaysTheRowCostTwice()
    {
        var estimate = CapacityEstimator.Estimate(
            new CapacityRequest(1_000, 50), Bench, new CapacityAssumptions { ShadowFraction = 1 });

        Assert.Equal(79.42 + 1.90, estimate.Functions.CpuMicrosecondsPerRequest, 2);
    }

    [Fact]
    public void Estimate_P99BelowWhatTheHostCanDo_Warns()
    {
        var estimate = CapacityEstimator.Estimate(new CapacityRequest(1_000, 2), Bench, new CapacityAssumptions());

        Assert.Contains(estimate.Warnings, w => w.StartsWith("p99 target 2 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_TenMillionSingleRows_ExceedsInstanceAndMemoryLimits()
    {
        var estimate = CapacityEstimator.Estimate(
            new CapacityRequest(10_000_000, 50), Bench, new CapacityAssumptions { HttpConcurrencyPerInstance = 64 });

        Assert.Contains(estimate.Warnings, w => w.Contains("per app", StringComparison.Ordinal));
        Assert.Contains(estimate.Warnings, w => w.Contains("regional quota", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_GpuModel_CountsReplicasFromMeasuredThroughput()
    {
        var estimate = CapacityEstimator.Estimate(
            new CapacityRequest(50_000, 100, Gpu: true, GpuRowsPerSecondPerReplica: 20_000), Bench, new CapacityAssumptions());

        // 50,000 / (20,000 x 0.6) = 4.17 -> 5 replicas; quota 5 x 1.25 = 6.25 -> 7 GPUs.
        Assert.Equal(5, estimate.GpuReplicas);
        Assert.Equal(7, estimate.Quotas.GpuCount);
    }

    [Fact]
    public void Estimate_GpuModelWithoutMeasurement_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            CapacityEstimator.Estimate(new CapacityRequest(1_000, 50, Gpu: true), Bench, new CapacityAssumptions()));
    }

    [Fact]
    public void Estimate_BatchAndTraining_SizedFromRowsAndWindow()
    {
        var estimate = CapacityEstimator.Estimate(
            new CapacityRequest(1_000, 50, BatchRowsPerDay: 1_000_000_000, BatchWindowHours: 2, TrainingRows: 10_000_000, TrainingFeatures: 9),
            Bench, new CapacityAssumptions());

        // 1e9 / (122,720 x 7,200 s) = 1.13 vCPU; 1e9 / 122,720 / 3,600 = 2.26 h on one 1-vCPU instance.
        Assert.Equal(1.13, estimate.Batch.Vcpu, 2);
        Assert.Equal(2.26, estimate.Batch.Hours, 2);
        // 1e7 x 9 x 16 B = 1,373 MB + 300 MB; 1e7 / (20,000 x 4) / 3,600 = 0.035 h.
        Assert.Equal(1674, estimate.Training.MemoryMB);
        Assert.Equal(0.0347, estimate.Training.Hours, 4);
    }

    [Fact]
    public void Estimate_LargeModel_AsksForABiggerInstance()
    {
        var estimate = CapacityEstimator.Estimate(new CapacityRequest(1_000, 50, ModelMegabytes: 300), Bench, new CapacityAssumptions());

        // 300 + 3 x 3 x 300 = 3,000 MB; x 1.5 = 4,500 MB does not fit any size.
        Assert.Equal(3000, estimate.Functions.MemoryNeededMB);
        Assert.Contains(estimate.Warnings, w => w.Contains("GPU app", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_ZeroPredictions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CapacityEstimator.Estimate(new CapacityRequest(0, 50), Bench, new CapacityAssumptions()));
    }
}
