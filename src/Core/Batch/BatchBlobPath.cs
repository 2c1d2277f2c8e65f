namespace Serverless.Core.Batch;

/// <summary>
/// The names that belong to one input file: <c>{model}/{path}</c> in the input container, and the output,
/// errors and summary beside each other under the same name in the output container.
/// </summary>
/// <param name="Model">The first path segment: the model that scores the file.</param>
/// <param name="Path">The rest of the name, kept as is in the output container.</param>
/// <param name="Format">The record format, from the extension.</param>
/// <param name="Gzip">Whether the file (and so its output) is gzip-compressed (<c>.gz</c>).</param>
public sealed record BatchBlobPath(string Model, string Path, BatchFileFormat Format, bool Gzip)
{
    /// <summary>The input blob's name: <c>{model}/{path}</c>.</summary>
    public string BlobName => $"{Model}/{Path}";

    public string OutputName => BlobName;

    public string ErrorsName => BlobName + ".errors.csv";

    public string SummaryName => BlobName + ".summary.json";

    public string ContentType => Gzip
        ? "application/gzip"
        : Format switch
        {
            BatchFileFormat.Csv => "text/csv; charset=utf-8",
            BatchFileFormat.JsonLines => "application/x-ndjson; charset=utf-8",
            _ => "application/vnd.apache.parquet",
        };

    /// <summary>Parses an input blob name; false for names that are not batch files (no model folder, other extension, <c>.parquet.gz</c>).</summary>
    public static bool TryParse(string blobName, out BatchBlobPath? path)
    {
        path = null;
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == blobName.Length - 1)
        {
            return false;
        }

        var model = blobName[..slash];
        var rest = blobName[(slash + 1)..];
        var gzip = rest.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var inner = gzip ? rest[..^3] : rest;
        BatchFileFormat format;
        if (inner.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !inner.EndsWith(".errors.csv", StringComparison.OrdinalIgnoreCase))
        {
            format = BatchFileFormat.Csv;
        }
        else if (inner.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || inner.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            format = BatchFileFormat.JsonLines;
        }
        else if (!gzip && inner.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            // Parquet compresses its pages itself; a gzipped one would have to be unpacked whole before its footer is read.
            format = BatchFileFormat.Parquet;
        }
        else
        {
            return false;
        }

        path = new BatchBlobPath(model, rest, format, gzip);
        return true;
    }
}
