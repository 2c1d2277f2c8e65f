namespace Serverless.Training.Spec;

public enum DataFormat
{
    /// <summary>Delimited text with a header row (RFC 4180 quoting); the delimiter is <see cref="DataSpec.Delimiter"/>.</summary>
    Csv,
    /// <summary>Tab-separated text with a header row.</summary>
    Tsv,
    /// <summary>One JSON object per line; columns are the keys, in first-seen order.</summary>
    Jsonl,
    /// <summary>Apache Parquet with flat columns.</summary>
    Parquet,
}
