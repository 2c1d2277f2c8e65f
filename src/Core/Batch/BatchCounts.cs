namespace Serverless.Core.Batch;

/// <summary>Rows of one file: read = scored + rejected.</summary>
public sealed record BatchCounts(long RowsRead, long RowsScored, long RowsRejected);
