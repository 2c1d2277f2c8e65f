namespace Serverless.Core.Batch;

/// <summary>Score one input blob.</summary>
/// <param name="BlobName">The name in the input container: <c>{model}/{any/path}.{csv|jsonl}[.gz]</c>.</param>
/// <param name="ModelVersion">A version to use; otherwise blob metadata <c>model_version</c>, otherwise the champion.</param>
/// <param name="ExpectedETag">
/// The input version to score (an on-demand job pins the one it was submitted for); when the blob has another
/// ETag, nothing is scored and the outcome is <see cref="BatchOutcomeKind.Superseded"/>. Null: the current version.
/// </param>
public sealed record BatchRequest(string BlobName, int? ModelVersion = null, string? ExpectedETag = null);
