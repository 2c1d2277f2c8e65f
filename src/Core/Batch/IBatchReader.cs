namespace Serverless.Core.Batch;

/// <summary>Reads a file's records block by block, encoding each valid row and recording the others as errors.</summary>
internal interface IBatchReader : IAsyncDisposable
{
    /// <summary>The header's column names (empty for formats without a header, and for an empty file).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Fills <paramref name="block"/> (already reset) until it is full or the input ends.</summary>
    /// <returns>False when the input has ended (the block may still hold rows).</returns>
    /// <exception cref="BatchFileException">The file cannot be read any further.</exception>
    ValueTask<bool> FillAsync(RowBlock block, CancellationToken cancellationToken);
}
