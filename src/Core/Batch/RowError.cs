namespace Serverless.Core.Batch;

/// <summary>A row that could not be scored: written to <c>{path}.errors.csv</c>; the rest of the file is scored.</summary>
/// <param name="Line">1-based line of the input where the row starts (the CSV header is line 1); for Parquet, the 1-based row number in the file.</param>
/// <param name="Reason">Why, naming the field when one is at fault.</param>
public sealed record RowError(long Line, string Reason);
