namespace Serverless.Training.Spec;

/// <summary>Where the training file is and how to read it.</summary>
public sealed record DataSpec
{
    /// <summary>A local file (relative paths are relative to the spec file). Exactly one of <see cref="Path"/> and <see cref="Blob"/>.</summary>
    public string? Path { get; init; }

    /// <summary><c>container/path/to/file.csv</c> in the storage account (<c>AzureWebJobsStorage</c>).</summary>
    public string? Blob { get; init; }

    /// <summary>Default: from the extension (<c>.csv</c>, <c>.tsv</c>, <c>.txt</c>, <c>.jsonl</c>, <c>.parquet</c>, each optionally <c>.gz</c>).</summary>
    public DataFormat? Format { get; init; }

    /// <summary>CSV only: one character; default <c>,</c> (<c>\t</c> for TSV).</summary>
    public string? Delimiter { get; init; }

    /// <summary>Default: from a <c>.gz</c> extension or the gzip magic bytes.</summary>
    public bool? Gzip { get; init; }

    /// <summary>Cell values that mean "missing" (compared after trimming); the empty string always does.</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = ["", "?", "NA", "N/A", "null", "NULL", "NaN"];

    /// <summary>Strip surrounding whitespace from every cell and header name.</summary>
    public bool Trim { get; init; } = true;

    /// <summary>Rows (from the top) whose values decide each column's type; 0 means all rows.</summary>
    public int InferenceSampleRows { get; init; } = 10_000;
}
