namespace Serverless.Core.Approvals;

/// <summary>The training data a candidate was built from, pinned by content hash.</summary>
public sealed record DataSnapshot(string Uri, string Sha256, long Rows);
