namespace Serverless.Core.Batch;

/// <summary>Score one input blob.</summary>
/// <param name="BlobName">The name in the input container: <c>{model}/{any/path}.{csv|jsonl}[.gz]</c>.</param>
/// <param name="ModelVersion">A version to use; otherwise blob metadata <c>model_version</c>, otherwise the champion.</param>
public sealed record BatchRequest(string BlobName, int? ModelVersion = null);
