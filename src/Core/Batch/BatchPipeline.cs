using System.Diagnostics;
using System.Threading.Channels;
using Serverless.Core.Scoring;

namespace Serverless.Core.Batch;

/// <summary>
/// Read -> score -> write over a fixed pool of <see cref="RowBlock"/>s, each stage on its own task, so parsing,
/// ONNX Runtime and output overlap. The pool bounds memory: it never holds more than <c>depth + 1</c> blocks,
/// whatever the file size.
/// </summary>
/// <remarks>
/// Order is kept: one task per stage, FIFO channels. A failure in any stage cancels the others and is rethrown;
/// the caller then publishes nothing.
/// </remarks>
internal static class BatchPipeline
{
    public static async Task<BatchCounts> RunAsync(
        IBatchReader reader,
        IBatchWriter writer,
        ErrorsCsvWriter errors,
        IScoringModel model,
        IScoringObserver observer,
        int batchSize,
        int depth,
        Action<BatchCounts> onBlockWritten,
        CancellationToken cancellationToken)
    {
        var width = model.Encoder!.Width;
        var pool = Channel.CreateUnbounded<RowBlock>();
        for (var i = 0; i < depth + 1; i++)
        {
            pool.Writer.TryWrite(new RowBlock(batchSize, width));
        }

        var toScore = Channel.CreateBounded<RowBlock>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        var toWrite = Channel.CreateBounded<RowBlock>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;

        long read = 0, scored = 0, rejected = 0;
        var readTask = Stage(toScore.Writer, async () =>
        {
            var more = true;
            while (more)
            {
                var block = await pool.Reader.ReadAsync(token);
                block.Reset();
                more = await reader.FillAsync(block, token);
                if (block.RowsRead > 0)
                {
                    await toScore.Writer.WriteAsync(block, token);
                }
                else
                {
                    pool.Writer.TryWrite(block);
                }
            }
        });
        var scoreTask = Stage(toWrite.Writer, async () =>
        {
            await foreach (var block in toScore.Reader.ReadAllAsync(token))
            {
                if (block.Count > 0)
                {
                    var started = Stopwatch.GetTimestamp();
                    var features = block.Features.AsMemory(0, block.Count * width);
                    block.Predictions = model.ScoreEncoded(features, block.Count);
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    observer.RecordScored(model.Manifest, ScoringEndpoints.Batch, features.Span, block.Count, block.Predictions,
                        new ScoringTimings(elapsed, Infer: elapsed));
                }

                await toWrite.Writer.WriteAsync(block, token);
            }
        });
        var writeTask = Stage(null, async () =>
        {
            await foreach (var block in toWrite.Reader.ReadAllAsync(token))
            {
                await writer.WriteAsync(block, token);
                if (block.Errors.Count > 0)
                {
                    await errors.WriteAsync(block.Errors, token);
                }

                read += block.RowsRead;
                scored += block.Count;
                rejected += block.Errors.Count;
                pool.Writer.TryWrite(block);
                onBlockWritten(new BatchCounts(read, scored, rejected));
            }
        });

        try
        {
            await Task.WhenAll(readTask, scoreTask, writeTask);
        }
        catch
        {
            // Report the first real failure, not the cancellations it caused in the other stages.
            var failure = new[] { readTask, scoreTask, writeTask }
                .Select(t => t.Exception?.InnerException)
                .FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }

        return new BatchCounts(read, scored, rejected);

        Task Stage(ChannelWriter<RowBlock>? output, Func<Task> body) => Task.Run(async () =>
        {
            try
            {
                await body();
                output?.TryComplete();
            }
            catch (Exception e)
            {
                output?.TryComplete(e);
                await stop.CancelAsync();
                throw;
            }
        }, CancellationToken.None);
    }
}
