using System.Globalization;

namespace Serverless.Core.Capacity;

/// <summary>
/// Reads a capacity question from name/value pairs: the HTTP route's query string and the command's
/// <c>--name value</c> options use the same names, so both accept exactly the same questions.
/// </summary>
public static class CapacityQuery
{
    /// <summary>Every accepted name, with what it means (the command's help and docs/capacity.md print these).</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["qps"] = "predictions (rows) per second at peak; required",
        ["p99Ms"] = "p99 latency target in ms; required",
        ["model"] = "model name (the route reads its size and serving target from the registry)",
        ["rowsPerRequest"] = "records per predict call (default 1)",
        ["modelMb"] = "ONNX file size in MB (default 1, or the registered artifact's)",
        ["gpu"] = "true when the model is served by the GPU app",
        ["gpuRowsPerSecond"] = "measured rows/s of one GPU replica (bench/gpu.sh)",
        ["concurrency"] = "HTTP requests per instance (Flex perInstanceConcurrency, default 16)",
        ["instanceMb"] = "Flex instance memory: 512, 2048 or 4096 (default 2048)",
        ["hostFactor"] = "Functions host cost of the HTTP part relative to Kestrel alone (default 2)",
        ["utilization"] = "planned CPU utilization (default 0.6)",
        ["shadow"] = "share of requests also scored by a shadow version (default 0)",
        ["headroom"] = "extra share for experiments in quotas and maximum instances (default 0.25)",
        ["batchRowsPerDay"] = "rows of batch files per day (default 0)",
        ["batchWindowHours"] = "hours a day's batch must finish in (default 4)",
        ["trainingRows"] = "rows of one training run (default 0)",
        ["trainingFeatures"] = "features of the training data (default 10)",
    };

    /// <summary>Parses <paramref name="values"/>; on failure <paramref name="error"/> names the value at fault.</summary>
    public static bool TryParse(
        IReadOnlyDictionary<string, string> values,
        out CapacityRequest request,
        out CapacityAssumptions assumptions,
        out string? error)
    {
        request = new CapacityRequest(1, 1);
        assumptions = new CapacityAssumptions();
        if (values.Keys.FirstOrDefault(k => !Names.ContainsKey(k)) is { } unknown)
        {
            error = $"Unknown parameter '{unknown}'; known: {string.Join(", ", Names.Keys)}.";
            return false;
        }

        var reader = new Reader(values);
        var qps = reader.Number("qps", null, min: double.Epsilon);
        var p99 = reader.Number("p99Ms", null, min: double.Epsilon);
        var instanceMb = (int)reader.Number("instanceMb", 2048, min: 512);
        if (reader.Error is null && instanceMb is not (512 or 2048 or 4096))
        {
            reader.Fail("instanceMb", "must be 512, 2048 or 4096");
        }

        request = new CapacityRequest(
            qps,
            p99,
            RowsPerRequest: (int)reader.Number("rowsPerRequest", 1, min: 1, max: 100_000),
            ModelMegabytes: reader.Number("modelMb", 1, min: 0),
            Gpu: reader.Boolean("gpu"),
            GpuRowsPerSecondPerReplica: values.ContainsKey("gpuRowsPerSecond") ? reader.Number("gpuRowsPerSecond", null, min: double.Epsilon) : null,
            BatchRowsPerDay: (long)reader.Number("batchRowsPerDay", 0, min: 0),
            BatchWindowHours: reader.Number("batchWindowHours", 4, min: double.Epsilon, max: 24),
            TrainingRows: (long)reader.Number("trainingRows", 0, min: 0),
            TrainingFeatures: (int)reader.Number("trainingFeatures", 10, min: 1, max: 100_000));
        assumptions = new CapacityAssumptions
        {
            InstanceMemoryMB = instanceMb,
            HttpConcurrencyPerInstance = (int)reader.Number("concurrency", 16, min: 1, max: 1000),
            FunctionsHostFactor = reader.Number("hostFactor", 2, min: 1, max: 20),
            TargetUtilization = reader.Number("utilization", 0.6, min: 0.05, max: 1),
            ShadowFraction = reader.Number("shadow", 0, min: 0, max: 1),
            ExperimentHeadroom = reader.Number("headroom", 0.25, min: 0, max: 10),
        };
        if (reader.Error is null && request.Gpu && request.GpuRowsPerSecondPerReplica is null)
        {
            reader.Fail("gpuRowsPerSecond", "is required for a GPU model (measure it with bench/gpu.sh)");
        }

        error = reader.Error;
        return error is null;
    }

    /// <summary>Reads values and keeps the first error.</summary>
    private sealed class Reader(IReadOnlyDictionary<string, string> values)
    {
        public string? Error { get; private set; }

        public double Number(string name, double? fallback, double min, double max = double.MaxValue)
        {
            if (!values.TryGetValue(name, out var text) || text.Length == 0)
            {
                if (fallback is null)
                {
                    Fail(name, "is required");
                }

                return fallback ?? min;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                Fail(name, $"must be a number, got '{text}'");
                return fallback ?? min;
            }

            if (value < min || value > max)
            {
                Fail(name, min == double.Epsilon ? "must be greater than 0"
                    : max == double.MaxValue ? $"must be at least {min}" : $"must be between {min} and {max}");
                return fallback ?? min;
            }

            return value;
        }

        public bool Boolean(string name)
        {
            if (!values.TryGetValue(name, out var text) || text.Length == 0)
            {
                return false;
            }

            if (!bool.TryParse(text, out var value))
            {
                Fail(name, $"must be true or false, got '{text}'");
            }

            return value;
        }

        public void Fail(string name, string problem) => Error ??= $"'{name}' {problem}.";
    }
}
