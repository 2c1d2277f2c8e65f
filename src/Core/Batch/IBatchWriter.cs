namespace Serverless.Core.Batch;

/// <summary>Writes scored blocks: every input column of each valid row, then the prediction columns.</summary>
internal interface IBatchWriter : IAsyncDisposable
{
    ValueTask WriteHeaderAsync(CancellationToken cancellationToken);

    ValueTask WriteAsync(RowBlock block, CancellationToken cancellationToken);

    /// <summary>Flushes everything written to the destination stream (which the caller then commits).</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
