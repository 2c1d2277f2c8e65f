using Serverless.Core.Models;

namespace Serverless.Core.Batch;

public sealed partial class BatchScoringHandler
{
    /// <summary>The reader for the file's format; it has checked the header or schema against the model's.</summary>
    /// <exception cref="BatchFileException">The file's columns do not match the model's schema.</exception>
    private static async Task<IBatchReader> OpenReaderAsync(
        BatchFileFormat format, Stream source, FeatureEncoder encoder, PredictionColumns columns, BatchOptions options, CancellationToken cancellationToken) =>
        format switch
        {
            BatchFileFormat.Csv => await CsvBatchReader.OpenAsync(source, encoder, columns, options.MaxRecordBytes, cancellationToken),
            BatchFileFormat.JsonLines => new JsonLinesBatchReader(source, encoder, options.MaxRecordBytes),
            _ => await ParquetBatchReader.OpenAsync(source, encoder, columns, cancellationToken),
        };

    /// <summary>The writer for the same format, reproducing what <paramref name="reader"/> read.</summary>
    private static IBatchWriter CreateWriter(IBatchReader reader, Stream sink, PredictionColumns columns) => reader switch
    {
        CsvBatchReader => new CsvBatchWriter(sink, reader.Columns, columns),
        ParquetBatchReader parquet => new ParquetBatchWriter(sink, parquet.Fields, columns),
        _ => new JsonLinesBatchWriter(sink, columns),
    };
}
