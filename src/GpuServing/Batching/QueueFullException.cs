namespace Serverless.GpuServing.Batching;

/// <summary>A model version's batching queue holds <see cref="BatchingOptions.MaxQueuedRequests"/> already; retry later.</summary>
public sealed class QueueFullException(string message) : Exception(message);
