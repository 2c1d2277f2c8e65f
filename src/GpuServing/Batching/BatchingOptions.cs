namespace Serverless.GpuServing.Batching;

/// <summary>Settings of dynamic batching, per model version ("GpuServing:Batching" configuration section).</summary>
public sealed class BatchingOptions
{
    /// <summary>False runs every request on its own as it arrives (no queue), the function app's way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A batch is cut once it holds this many rows; a request with more rows runs alone.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>A batch is cut once its oldest request has waited this long, however few rows it holds.</summary>
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Requests a model version may have waiting; beyond that requests get 503 with <c>Retry-After</c>.</summary>
    public int MaxQueuedRequests { get; set; } = 1024;

    /// <summary>The <c>Retry-After</c> a refused request is given, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
