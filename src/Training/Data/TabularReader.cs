using System.IO.Compression;
using System.Text;
using Serverless.Training.Spec;

namespace Serverless.Training.Data;

/// <summary>Turns a training file's bytes into a <see cref="TabularData"/>: format from the spec or the extension, gzip, delimiter.</summary>
internal static class TabularReader
{
    /// <exception cref="TrainingDataException">Empty, not the format it claims, over a limit, or malformed; the message says where.</exception>
    public static async Task<TabularData> ReadAsync(TrainingData data, DataSpec spec, TrainingOptions limits, CancellationToken cancellationToken)
    {
        var source = data.Name;
        if (data.Bytes.Length == 0)
        {
            throw new TrainingDataException($"{source} is empty (0 bytes): a header and data rows are required.");
        }

        var gzip = spec.Gzip ?? (data.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || IsGzip(data.Bytes));
        var bytes = gzip ? Gunzip(data.Bytes, source, limits.MaxDataBytes) : data.Bytes;
        var format = spec.Format ?? FormatOf(data.Name);
        var cleaner = new CellCleaner(spec.Trim, spec.MissingValues);
        using var stream = new MemoryStream(bytes, writable: false);
        if (format == DataFormat.Parquet)
        {
            return await ParquetParser.ReadAsync(stream, source, cleaner, limits.MaxRows, cancellationToken);
        }

        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            if (format == DataFormat.Jsonl)
            {
                return JsonLinesParser.Read(text, source, cleaner, limits.MaxRows);
            }

            var delimiter = spec.Delimiter is { } given ? given[0] : format == DataFormat.Tsv ? '\t' : CsvParser.Sniff(FirstLine(bytes));
            return CsvParser.Read(text, source, delimiter, cleaner, limits.MaxRows);
        }
        catch (DecoderFallbackException e)
        {
            throw new TrainingDataException($"{source} is not UTF-8 text (or is {(gzip ? "corrupt" : "compressed")}): {e.Message}", e);
        }
    }

    /// <summary>The format a file name implies; CSV when nothing else does.</summary>
    public static DataFormat FormatOf(string name)
    {
        var bare = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        var extension = Path.GetExtension(bare).ToLowerInvariant();
        return extension switch
        {
            ".tsv" or ".tab" => DataFormat.Tsv,
            ".jsonl" or ".ndjson" => DataFormat.Jsonl,
            ".parquet" => DataFormat.Parquet,
            _ => DataFormat.Csv,
        };
    }

    private static bool IsGzip(byte[] bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static byte[] Gunzip(byte[] compressed, string source, long maxBytes)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    throw Limits.TooManyBytes(source + " (decompressed)", output.Length + read, maxBytes);
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new TrainingDataException($"{source} is not valid gzip: {e.Message}", e);
        }
    }

    private static string FirstLine(byte[] bytes)
    {
        var span = bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024));
        var end = span.IndexOf((byte)'\n');
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
