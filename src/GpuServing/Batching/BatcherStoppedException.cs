namespace Serverless.GpuServing.Batching;

/// <summary>The batcher is draining (its model version is being unloaded or the app is stopping) and takes no new request.</summary>
public sealed class BatcherStoppedException(string message) : Exception(message);
