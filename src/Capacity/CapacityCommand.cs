using System.Globalization;
using System.Text.Json;
using Serverless.Core.Capacity;
using Serverless.Core.Serialization;

namespace Serverless.Capacity;

/// <summary>
/// <c>capacity --qps N --p99Ms N [--name value ...] [--json]</c>: prints the estimate for the sample churn model's
/// measured cost (bench/README.md), the arithmetic step by step, the Bicep parameters and quotas to set.
/// </summary>
public static class CapacityCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine("usage: capacity --qps <predictions/s> --p99Ms <ms> [--name value ...] [--json]");
            foreach (var (name, meaning) in CapacityQuery.Names)
            {
                output.WriteLine($"  --{name,-18} {meaning}");
            }

            return args.Length == 0 ? 2 : 0;
        }

        var json = args.Contains("--json");
        if (!TryReadOptions(args.Where(a => a != "--json").ToArray(), out var values, out var problem)
            || !CapacityQuery.TryParse(values, out var request, out var assumptions, out problem))
        {
            error.WriteLine(problem);
            return 2;
        }

        var estimate = CapacityEstimator.Estimate(request, MeasuredCost.SampleChurnBench, assumptions);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(estimate, JsonDefaults.Options));
            return 0;
        }

        Write(output, estimate, assumptions);
        return 0;
    }

    private static void Write(TextWriter output, CapacityEstimate estimate, CapacityAssumptions assumptions)
    {
        var f = estimate.Functions;
        output.WriteLine($"cost: {estimate.CostSource}");
        foreach (var step in estimate.Steps)
        {
            output.WriteLine("  " + step);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"function app: {f.Instances} instances x {f.InstanceMemoryMB} MB; Bicep maximumInstanceCount={f.MaximumInstanceCount}, instanceMemoryMB={f.InstanceMemoryMB}, httpPerInstanceConcurrency={assumptions.HttpConcurrencyPerInstance}"));
        output.WriteLine($"GPU replicas: {estimate.GpuReplicas}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch: {estimate.Batch.Vcpu:0.00} vCPU, {estimate.Batch.MemoryMB} MB per file, {estimate.Batch.Hours:0.00} h on one instance"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training: {estimate.Training.Vcpu} vCPU, {estimate.Training.MemoryMB} MB, {estimate.Training.Hours:0.00} h"));
        var q = estimate.Quotas;
        output.WriteLine($"quotas to request: {q.RegionalVcpu} regional vCPU, Flex memory {q.FlexMemoryMB} MB ({q.FlexMaximumInstances} instances), {q.GpuCount} GPUs");
        foreach (var warning in estimate.Warnings)
        {
            output.WriteLine("warning: " + warning);
        }
    }

    // --name value pairs; a bare flag (--gpu) means true.
    private static bool TryReadOptions(string[] args, out Dictionary<string, string> values, out string? problem)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"Expected --name, got '{args[i]}'.";
                return false;
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        problem = null;
        return true;
    }
}
