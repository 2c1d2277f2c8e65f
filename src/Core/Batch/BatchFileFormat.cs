namespace Serverless.Core.Batch;

/// <summary>The record format of a batch file; the output is written in the same format.</summary>
public enum BatchFileFormat
{
    /// <summary>RFC 4180 CSV with a header row, UTF-8.</summary>
    Csv,
    /// <summary>One JSON object per line, UTF-8.</summary>
    JsonLines,
    /// <summary>Apache Parquet with flat columns; compressed inside the format, so never gzipped around it.</summary>
    Parquet,
}
