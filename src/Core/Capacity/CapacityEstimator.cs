using System.Globalization;

namespace Serverless.Core.Capacity;

/// <summary>
/// Turns a target load and measured per-request cost into function instances, GPU replicas, pipeline sizes and
/// quotas. Pure arithmetic, no I/O: the same numbers from the command line, the HTTP route and docs/capacity.md.
/// </summary>
/// <remarks>
/// Per instance, throughput is the smaller of a CPU bound (vCPU x utilization / CPU per request) and a concurrency
/// bound (Little's law: concurrent requests / latency). CPU per request is the HTTP part times the Functions host
/// factor plus the handler's fixed and per-row cost, the row part paid again for the shadowed share.
/// </remarks>
public static class CapacityEstimator
{
    private static readonly int[] InstanceSizesMB = [512, 2048, 4096];

    public static CapacityEstimate Estimate(CapacityRequest request, MeasuredCost cost, CapacityAssumptions assumptions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.PredictionsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.P99Ms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.RowsPerRequest);
        var steps = new List<string>();
        var warnings = new List<string>();
        var a = assumptions;

        // Functions: CPU per request and the two bounds per instance.
        var rows = request.RowsPerRequest;
        var requestsPerSecond = request.PredictionsPerSecond / rows;
        var handler = cost.HandlerMicroseconds(rows) + a.ShadowFraction * rows * cost.HandlerPerRowMicroseconds;
        var cpuPerRequest = a.FunctionsHostFactor * cost.HttpMicroseconds + handler;
        steps.Add(F($"requests/s = {request.PredictionsPerSecond:N0} predictions/s / {rows} rows = {requestsPerSecond:N0}"));
        steps.Add(F($"CPU/request = {a.FunctionsHostFactor:0.##} x {cost.HttpMicroseconds:0.0} us HTTP + {cost.HandlerFixedMicroseconds:0.00} us + {rows} x {cost.HandlerPerRowMicroseconds:0.00} us/row x (1 + {a.ShadowFraction:0.##} shadow) = {cpuPerRequest:0.0} us"));

        var vcpu = VcpuOf(a.InstanceMemoryMB);
        var cpuBound = vcpu * a.TargetUtilization * 1e6 / cpuPerRequest;
        var p99 = a.FunctionsHostFactor * cost.MeanLatencyMs + (handler - cost.HandlerMicroseconds(1)) / 1000;
        var concurrencyBound = a.HttpConcurrencyPerInstance / (p99 / 1000);
        var perInstance = Math.Min(cpuBound, concurrencyBound);
        steps.Add(F($"CPU bound = {vcpu:0.##} vCPU x {a.TargetUtilization:0.##} / {cpuPerRequest:0.0} us = {cpuBound:N0} requests/s per instance"));
        steps.Add(F($"p99 ~ {a.FunctionsHostFactor:0.##} x {cost.MeanLatencyMs:0.00} ms measured + row time = {p99:0.00} ms; concurrency bound = {a.HttpConcurrencyPerInstance} / {p99:0.00} ms = {concurrencyBound:N0} requests/s per instance"));
        if (concurrencyBound < cpuBound)
        {
            warnings.Add(F($"Concurrency binds before CPU: raise httpPerInstanceConcurrency to {Up(cpuBound * p99 / 1000)} or more to use the CPU you pay for."));
        }

        if (p99 > request.P99Ms)
        {
            warnings.Add(F($"p99 target {request.P99Ms:0.#} ms is below the expected {p99:0.00} ms: fewer rows per request, a smaller model or the GPU app."));
        }

        var instances = request.Gpu ? 0 : Up(requestsPerSecond / perInstance);
        var gpuReplicas = 0;
        if (request.Gpu)
        {
            // The function app only forwards: its per-request cost is the HTTP part, the rows are scored on the GPU.
            var forwardCpu = 2 * a.FunctionsHostFactor * cost.HttpMicroseconds;
            instances = Up(requestsPerSecond / Math.Min(vcpu * a.TargetUtilization * 1e6 / forwardCpu, concurrencyBound));
            var perReplica = request.GpuRowsPerSecondPerReplica
                ?? throw new ArgumentException("A GPU model needs its measured rows/s per replica (bench/gpu.sh).", nameof(request));
            gpuReplicas = Up(request.PredictionsPerSecond / (perReplica * a.TargetUtilization));
            steps.Add(F($"GPU replicas = {request.PredictionsPerSecond:N0} rows/s / ({perReplica:N0} rows/s x {a.TargetUtilization:0.##}) = {gpuReplicas}"));
        }

        var maxInstances = Up(instances * (1 + a.ExperimentHeadroom));
        steps.Add(F($"instances = {requestsPerSecond:N0} / {perInstance:N0} = {instances}; maximumInstanceCount = {instances} x {1 + a.ExperimentHeadroom:0.##} = {maxInstances}"));
        if (maxInstances > a.MaxInstancesPerApp)
        {
            warnings.Add(F($"{maxInstances} instances exceed Flex Consumption's {a.MaxInstancesPerApp} per app: batch rows per request, or split traffic over several apps."));
        }

        var memoryNeeded = Up(a.BaselineMemoryMB + a.LoadedVersions * a.SessionMemoryFactor * request.ModelMegabytes);
        var instanceSize = InstanceSizesMB.FirstOrDefault(size => size >= memoryNeeded * 1.5, 0);
        steps.Add(F($"memory/instance = {a.BaselineMemoryMB} MB + {a.LoadedVersions} versions x {a.SessionMemoryFactor:0.#} x {request.ModelMegabytes:0.##} MB = {memoryNeeded} MB (fits {a.InstanceMemoryMB} MB with 50% margin: {a.InstanceMemoryMB >= memoryNeeded * 1.5})"));
        if (instanceSize == 0 || a.InstanceMemoryMB < memoryNeeded * 1.5)
        {
            warnings.Add(instanceSize == 0
                ? "The model does not fit a Flex Consumption instance three times over: serve it from the GPU app."
                : F($"Use instanceMemoryMB {instanceSize}: {a.InstanceMemoryMB} MB leaves less than 50% margin."));
        }

        var batch = Batch(request, a, steps);
        var training = Training(request, a, steps);

        var flexVcpu = maxInstances * vcpu;
        var gpuVcpu = Up(gpuReplicas * (1 + a.ExperimentHeadroom)) * a.GpuReplicaVcpu;
        var quotas = new QuotaRequest(
            RegionalVcpu: Up(flexVcpu + gpuVcpu + (batch.Vcpu + training.Vcpu) * (1 + a.ExperimentHeadroom)),
            FlexMemoryMB: maxInstances * a.InstanceMemoryMB,
            FlexMaximumInstances: maxInstances,
            GpuCount: Up(gpuReplicas * (1 + a.ExperimentHeadroom)));
        steps.Add(F($"quotas (x {1 + a.ExperimentHeadroom:0.##} headroom): {quotas.RegionalVcpu} vCPU, Flex memory {quotas.FlexMemoryMB:N0} MB, {quotas.GpuCount} GPUs"));
        if (quotas.FlexMemoryMB > a.RegionalFlexMemoryQuotaMB)
        {
            warnings.Add(F($"Flex memory {quotas.FlexMemoryMB:N0} MB exceeds the default regional quota of {a.RegionalFlexMemoryQuotaMB:N0} MB: request an increase."));
        }

        var functions = new FunctionsCapacity(requestsPerSecond, cpuPerRequest, perInstance, instances, maxInstances, a.InstanceMemoryMB, memoryNeeded, p99);
        return new CapacityEstimate(functions, gpuReplicas, batch, training, quotas, steps, warnings, cost.Source);
    }

    /// <summary>vCPU of a Flex Consumption instance: allocated in proportion to memory, 1 vCPU per 2048 MB.</summary>
    public static double VcpuOf(int instanceMemoryMB) => instanceMemoryMB / 2048.0;

    private static PipelineCapacity Batch(CapacityRequest request, CapacityAssumptions a, List<string> steps)
    {
        if (request.BatchRowsPerDay <= 0)
        {
            return new PipelineCapacity(0, 0, 0);
        }

        var vcpu = request.BatchRowsPerDay / (a.BatchRowsPerSecondPerVcpu * request.BatchWindowHours * 3600);
        var hoursOnOne = request.BatchRowsPerDay / (a.BatchRowsPerSecondPerVcpu * VcpuOf(a.InstanceMemoryMB)) / 3600;
        steps.Add(F($"batch: {request.BatchRowsPerDay:N0} rows / ({a.BatchRowsPerSecondPerVcpu:N0} rows/s/vCPU x {request.BatchWindowHours:0.#} h) = {vcpu:0.00} vCPU; {hoursOnOne:0.00} h on one instance; {a.BatchPeakMemoryMB} MB per file"));
        return new PipelineCapacity(vcpu, a.BatchPeakMemoryMB, hoursOnOne);
    }

    private static PipelineCapacity Training(CapacityRequest request, CapacityAssumptions a, List<string> steps)
    {
        if (request.TrainingRows <= 0)
        {
            return new PipelineCapacity(0, 0, 0);
        }

        var memory = Up(a.BaselineMemoryMB + request.TrainingRows * (double)request.TrainingFeatures * a.TrainingBytesPerValue / (1024 * 1024));
        const double vcpu = 4; // the training job's default size (main.bicep trainingCpu)
        var hours = request.TrainingRows / (a.TrainingRowsPerSecondPerVcpu * vcpu) / 3600;
        steps.Add(F($"training: {request.TrainingRows:N0} rows x {request.TrainingFeatures} features x {a.TrainingBytesPerValue:0} B + {a.BaselineMemoryMB} MB = {memory:N0} MB; {request.TrainingRows:N0} / ({a.TrainingRowsPerSecondPerVcpu:N0} rows/s x {vcpu} vCPU) = {hours:0.00} h"));
        return new PipelineCapacity(vcpu, memory, hours);
    }

    // Rounds up, ignoring floating-point dust: 1,000,000 / (16 / 6.08 ms) is 380, not 380.00000000000006 -> 381.
    private static int Up(double value) => (int)Math.Ceiling(Math.Round(value, 6));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
