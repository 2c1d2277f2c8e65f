namespace Serverless.Core.Batch;

/// <summary>Answer of <c>GET /api/batch/jobs/{id}</c>.</summary>
/// <param name="State">queued, running, completed, rejected, failed (retried) or superseded (the blob changed).</param>
/// <param name="Summary">The file's summary once completed or rejected.</param>
public sealed record BatchJobStatus(
    string JobId, string Input, string InputETag, string State, DateTimeOffset SubmittedAt, BatchSummary? Summary, string? Error);
