using System.Text;
using CsvHelper;
using Serverless.Core.Models;

namespace Serverless.Core.Batch;

/// <summary>
/// Streams an RFC 4180 CSV file (header row, comma separated, UTF-8) with CsvHelper's UTF-8 reader. Quoted fields
/// may hold commas and line breaks; each row's line number is where its record starts.
/// </summary>
/// <remarks>Memory: one read buffer (64 KiB, growing only for a record longer than that) plus the block being filled.</remarks>
internal sealed class CsvBatchReader : IBatchReader
{
    private readonly CsvReader _csv;
    private readonly FeatureEncoder _encoder;
    private readonly List<RowError> _malformed;
    private int[] _featureColumns = [];
    private char[] _chars = new char[256];
    private bool _empty;

    private CsvBatchReader(CsvReader csv, FeatureEncoder encoder, List<RowError> malformed)
    {
        _csv = csv;
        _encoder = encoder;
        _malformed = malformed;
    }

    public IReadOnlyList<string> Columns { get; private set; } = [];

    /// <summary>Reads the header and matches it to the schema.</summary>
    /// <exception cref="BatchFileException">The header does not match (see <see cref="BatchSchemaCheck"/>) or cannot be read.</exception>
    public static async Task<CsvBatchReader> OpenAsync(
        Stream stream, FeatureEncoder encoder, PredictionColumns predictions, int maxRecordBytes, CancellationToken cancellationToken)
    {
        // Malformed quoting is reported through this callback during Read; the rows are skipped and listed as errors.
        var malformed = new List<RowError>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = maxRecordBytes,
            OnMalformedRecord = record => malformed.Add(new RowError(record.LineNumber, Describe(record.Reason))),
        };
        var reader = new CsvBatchReader(CsvReader.Create(stream, options, leaveOpen: true), encoder, malformed);
        try
        {
            await reader._csv.ReadHeaderAsync(cancellationToken);
            reader.Columns = reader._csv.Headers.ToArray();
        }
        catch (CsvFormatException e)
        {
            await reader.DisposeAsync();
            throw new BatchFileException("The CSV header cannot be read: " + e.Message, e);
        }

        if (reader.Columns.Count == 0)
        {
            // A 0-byte file: nothing to score and nothing to check.
            reader._empty = true;
            malformed.Clear();
            return reader;
        }

        reader._featureColumns = BatchSchemaCheck.MapColumns(reader.Columns, encoder, predictions);
        return reader;
    }

    public async ValueTask<bool> FillAsync(RowBlock block, CancellationToken cancellationToken)
    {
        if (_empty)
        {
            return false;
        }

        if (block.Payload is not RawRows rows)
        {
            block.Payload = rows = new RawRows();
        }

        rows.Clear();
        while (!block.IsFull)
        {
            bool more;
            try
            {
                more = await _csv.ReadAsync(cancellationToken);
            }
            catch (CsvFormatException e)
            {
                throw new BatchFileException($"The CSV cannot be read past line {_csv.LineNumber}: {e.Message}", e);
            }

            block.Errors.AddRange(_malformed);
            _malformed.Clear();
            if (!more)
            {
                return false;
            }

            var line = _csv.LineNumber;
            if (_csv.FieldCount != Columns.Count)
            {
                block.Errors.Add(new RowError(line, $"Expected {Columns.Count} fields, found {_csv.FieldCount}."));
                continue;
            }

            if (Encode(block.RowFeatures(block.Count)) is { } error)
            {
                block.Errors.Add(new RowError(line, error));
                continue;
            }

            rows.Add(_csv.RawRecord);
            block.Count++;
        }

        return true;
    }

    private string? Encode(Span<float> features)
    {
        for (var f = 0; f < features.Length; f++)
        {
            var bytes = _csv.GetSpan(_featureColumns[f]);
            if (_chars.Length < bytes.Length)
            {
                _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
            }

            var length = Encoding.UTF8.GetChars(bytes, _chars);
            if (!_encoder.TryEncodeText(f, _chars.AsSpan(0, length), out features[f], out var error))
            {
                return error;
            }
        }

        return null;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "Malformed CSV: a quote inside an unquoted field.",
        CsvMalformedReason.TextAfterClosingQuote => "Malformed CSV: text after the closing quote of a field.",
        CsvMalformedReason.UnterminatedQuote => "Malformed CSV: a quoted field is never closed.",
        CsvMalformedReason.LineBreakInQuotes => "Malformed CSV: a line break inside a quoted field.",
        _ => "Malformed CSV: " + reason + ".",
    };

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
