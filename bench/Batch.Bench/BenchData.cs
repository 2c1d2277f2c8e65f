using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Parquet;
using Parquet.Schema;
using Serverless.Core.Models;

namespace Serverless.Batch.Bench;

/// <summary>Inputs generated from the real bank-churn rows: cycled, with a unique customer id per row.</summary>
internal static class BenchData
{
    /// <summary>Streams <paramref name="rows"/> rows into the blob (never the whole file in memory).</summary>
    public static async Task UploadCsvAsync(BlobContainerClient container, string name, string sourceCsv, int rows)
    {
        var lines = File.ReadAllLines(sourceCsv);
        await container.CreateIfNotExistsAsync();
        await using var blob = await container.GetBlobClient(name).OpenWriteAsync(overwrite: true, new Azure.Storage.Blobs.Models.BlobOpenWriteOptions { BufferSize = 4 * 1024 * 1024 });
        await using var writer = new StreamWriter(blob, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync(lines[0] + "\n");
        for (var i = 0; i < rows; i++)
        {
            var line = lines[1 + i % (lines.Length - 1)];
            await writer.WriteAsync((100_000_000 + i).ToString(CultureInfo.InvariantCulture));
            await writer.WriteAsync(line.AsMemory(line.IndexOf(',', StringComparison.Ordinal)));
            await writer.WriteAsync('\n');
        }
    }

    /// <summary>
    /// The same rows as Parquet, streamed one row group (<paramref name="rowGroupSize"/> rows) at a time: int64 columns
    /// where every source cell is an integer, double where a number, else string.
    /// </summary>
    public static async Task UploadParquetAsync(BlobContainerClient container, string name, string sourceCsv, int rows, int rowGroupSize = 65_536)
    {
        var lines = File.ReadAllLines(sourceCsv);
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var fields = header.Select((h, c) =>
            cells.All(r => long.TryParse(r[c], CultureInfo.InvariantCulture, out _)) ? new DataField<long>(h)
            : cells.All(r => double.TryParse(r[c], CultureInfo.InvariantCulture, out _)) ? new DataField<double>(h)
            : (DataField)new DataField<string>(h)).ToArray();
        await container.CreateIfNotExistsAsync();
        await using var blob = await container.GetBlobClient(name).OpenWriteAsync(overwrite: true, new Azure.Storage.Blobs.Models.BlobOpenWriteOptions { BufferSize = 4 * 1024 * 1024 });
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), blob);
        for (var start = 0; start < rows; start += rowGroupSize)
        {
            var count = Math.Min(rowGroupSize, rows - start);
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                var column = Enumerable.Range(start, count).Select(i => cells[i % cells.Length][c]).ToArray();
                if (c == 0)
                {
                    // A unique customer id per row, as in the CSV input.
                    await group.WriteAsync<long>(fields[c], Enumerable.Range(start, count).Select(i => 100_000_000L + i).ToArray());
                }
                else if (fields[c].ClrType == typeof(long))
                {
                    await group.WriteAsync<long>(fields[c], column.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray());
                }
                else if (fields[c].ClrType == typeof(double))
                {
                    await group.WriteAsync<double>(fields[c], column.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
                }
                else
                {
                    await group.WriteAsync(fields[c], column, null);
                }
            }
        }
    }

    /// <summary>The same rows, encoded in memory for the raw ONNX Runtime anchor (not timed).</summary>
    public static float[] Encode(string sourceCsv, FeatureEncoder encoder, int rows)
    {
        var lines = File.ReadAllLines(sourceCsv);
        var header = lines[0].Split(',');
        var columns = encoder.Schema.Features.Select(f => Array.IndexOf(header, f.Name)).ToArray();
        var distinct = new float[(lines.Length - 1) * encoder.Width];
        for (var r = 0; r < lines.Length - 1; r++)
        {
            var cells = lines[r + 1].Split(',');
            for (var f = 0; f < columns.Length; f++)
            {
                encoder.TryEncodeText(f, cells[columns[f]], out distinct[r * encoder.Width + f], out _);
            }
        }

        var features = new float[rows * encoder.Width];
        for (var r = 0; r < rows; r++)
        {
            distinct.AsSpan(r % (lines.Length - 1) * encoder.Width, encoder.Width).CopyTo(features.AsSpan(r * encoder.Width));
        }

        return features;
    }
}
