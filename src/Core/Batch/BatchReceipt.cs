namespace Serverless.Core.Batch;

/// <summary>
/// The exactly-once record of one input version: blob <c>{receipts}/{model}/{path}/{etag}.json</c>. While a worker
/// scores the file it holds a lease on this blob; a final status means the version is never scored again.
/// </summary>
public sealed record BatchReceipt
{
    public required string Input { get; init; }
    public required string InputETag { get; init; }
    public required BatchStatus Status { get; init; }
    public BatchSummary? Summary { get; init; }
    /// <summary>The last failure, when <see cref="Status"/> is <see cref="BatchStatus.Failed"/>.</summary>
    public string? Error { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public bool IsFinal => Status is BatchStatus.Completed or BatchStatus.Rejected or BatchStatus.Superseded;
}
