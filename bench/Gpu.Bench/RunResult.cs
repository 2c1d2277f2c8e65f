namespace Serverless.Gpu.Bench;

/// <summary>One closed-loop run: requests/s, latency percentiles, and (batched only) mean rows and median run time per batch.</summary>
internal sealed record RunResult(double Throughput, double P50Ms, double P99Ms, double RowsPerBatch, double BatchRunMs);
