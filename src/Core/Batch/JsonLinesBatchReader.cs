using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Serverless.Core.Models;

namespace Serverless.Core.Batch;

/// <summary>
/// Streams JSON Lines: one JSON object per line, fields named as the schema's features (others are passed
/// through). Numbers and numeric strings encode numeric features, strings categorical ones; null or an absent
/// field is missing. Blank lines are skipped. There is no header, so every check is per row.
/// </summary>
/// <remarks>Memory: the pipe's buffer (a line longer than <see cref="BatchOptions.MaxRecordBytes"/> rejects the file) plus the block.</remarks>
internal sealed class JsonLinesBatchReader(Stream stream, FeatureEncoder encoder, int maxRecordBytes) : IBatchReader
{
    private readonly PipeReader _pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
    private readonly bool[] _seen = new bool[encoder.Width];
    private char[] _chars = new char[256];
    private long _line;

    public IReadOnlyList<string> Columns => [];

    public async ValueTask<bool> FillAsync(RowBlock block, CancellationToken cancellationToken)
    {
        if (block.Payload is not RawRows rows)
        {
            block.Payload = rows = new RawRows();
        }

        rows.Clear();
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (!block.IsFull && TryTakeLine(ref buffer, out var line))
            {
                Accept(block, rows, line);
            }

            if (block.IsFull)
            {
                _pipe.AdvanceTo(buffer.Start);
                return true;
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    Accept(block, rows, buffer);
                }

                _pipe.AdvanceTo(buffer.End);
                return false;
            }

            if (buffer.Length > maxRecordBytes)
            {
                throw new BatchFileException($"Line {_line + 1} is longer than {maxRecordBytes} bytes.");
            }

            _pipe.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private void Accept(RowBlock block, RawRows rows, ReadOnlySequence<byte> sequence)
    {
        _line++;
        if (sequence.Length > maxRecordBytes)
        {
            throw new BatchFileException($"Line {_line} is longer than {maxRecordBytes} bytes.");
        }

        var bytes = sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray();
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        if (_line == 1 && bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        if (Encode(bytes, block.RowFeatures(block.Count)) is { } error)
        {
            block.Errors.Add(new RowError(_line, error));
            return;
        }

        rows.Add(bytes.Trim(" \t"u8));
        block.Count++;
    }

    private string? Encode(ReadOnlySpan<byte> json, Span<float> features)
    {
        Array.Clear(_seen);
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "Line is not a JSON object.";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var column = encoder.IndexOf(ReadString(ref reader));
                reader.Read();
                if (column < 0)
                {
                    reader.Skip();
                    continue;
                }

                if (_seen[column])
                {
                    return $"Field '{encoder.Schema.Features[column].Name}' appears twice.";
                }

                _seen[column] = true;
                if (EncodeValue(ref reader, column, out features[column]) is { } error)
                {
                    return error;
                }
            }

            // Anything after the object (a second value) makes the reader throw here.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            return "Invalid JSON: " + e.Message;
        }
        catch (FormatException e)
        {
            return "Invalid JSON number: " + e.Message;
        }

        for (var f = 0; f < _seen.Length; f++)
        {
            if (!_seen[f] && !encoder.TryEncodeMissing(f, out features[f], out var error))
            {
                return error;
            }
        }

        return null;
    }

    private string? EncodeValue(ref Utf8JsonReader reader, int column, out float value)
    {
        string? error;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                encoder.TryEncodeNumber(column, reader.GetDouble(), out value, out error);
                return error;
            case JsonTokenType.String:
                encoder.TryEncodeText(column, ReadString(ref reader), out value, out error);
                return error;
            case JsonTokenType.Null:
                encoder.TryEncodeMissing(column, out value, out error);
                return error;
            case JsonTokenType.True or JsonTokenType.False:
                encoder.TryEncodeBoolean(column, reader.TokenType == JsonTokenType.True, out value, out error);
                return error;
            default:
                value = float.NaN;
                return $"Field '{encoder.Schema.Features[column].Name}' must be a number, a string, a boolean or null.";
        }
    }

    private ReadOnlySpan<char> ReadString(ref Utf8JsonReader reader)
    {
        var max = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_chars.Length < max)
        {
            _chars = new char[Math.Max(max, _chars.Length * 2)];
        }

        return _chars.AsSpan(0, reader.CopyString(_chars));
    }

    public ValueTask DisposeAsync() => _pipe.CompleteAsync();
}
