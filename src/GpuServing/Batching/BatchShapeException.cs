namespace Serverless.GpuServing.Batching;

/// <summary>A concatenated run returned outputs that do not split back by rows; the requests then run one by one.</summary>
internal sealed class BatchShapeException(string message) : Exception(message);
