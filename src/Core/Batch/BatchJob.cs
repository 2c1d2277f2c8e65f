namespace Serverless.Core.Batch;

/// <summary>
/// An on-demand scoring request, stored once as <c>{jobs}/{Id}.json</c> and never changed: its state is read
/// from the input version's receipt, so a job and a blob trigger of the same version share one result.
/// </summary>
public sealed record BatchJob
{
    public required string Id { get; init; }
    /// <summary>The input blob: <c>{model}/{path}</c> in the input container.</summary>
    public required string BlobName { get; init; }
    public int? ModelVersion { get; init; }
    /// <summary>The input version the job was submitted for.</summary>
    public required string InputETag { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
}
