namespace Serverless.Core.Batch;

/// <summary>The figures of one scored (or rejected) file, published as <c>{path}.summary.json</c> and kept in its receipt.</summary>
public sealed record BatchSummary
{
    public required BatchStatus Status { get; init; }
    /// <summary>Why the file was rejected; null when completed.</summary>
    public string? Reason { get; init; }
    public required string Model { get; init; }
    /// <summary>The version that scored the file; null when no version could be resolved.</summary>
    public int? ModelVersion { get; init; }
    /// <summary>The input, as <c>{container}/{model}/{path}</c>.</summary>
    public required string Input { get; init; }
    public required string InputETag { get; init; }
    /// <summary>Lower-case hex SHA-256 of the input blob's bytes (as stored, before decompression); null when rejected before reading it.</summary>
    public string? InputSha256 { get; init; }
    public long InputBytes { get; init; }
    /// <summary>The scored file, as <c>{container}/{name}</c>; null when nothing was published.</summary>
    public string? Output { get; init; }
    public string? Errors { get; init; }
    public long RowsRead { get; init; }
    public long RowsScored { get; init; }
    public long RowsRejected { get; init; }
    public double DurationSeconds { get; init; }
    public double RowsPerSecond { get; init; }
    public int BatchSize { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
}
