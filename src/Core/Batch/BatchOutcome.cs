namespace Serverless.Core.Batch;

/// <summary>The result of one trigger.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="BlobName">The input blob name.</param>
/// <param name="Summary">The summary published by this call, or the one of an earlier call (Duplicate).</param>
/// <param name="Detail">Why nothing was done (Ignored, Busy).</param>
public sealed record BatchOutcome(BatchOutcomeKind Kind, string BlobName, BatchSummary? Summary = null, string? Detail = null);
