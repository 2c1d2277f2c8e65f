using System.Diagnostics;

namespace Serverless.GpuServing.Batching;

internal sealed partial class DynamicBatcher
{
    private async Task RunAsync()
    {
        while (true)
        {
            List<PendingInference>? batch;
            TimeSpan wait;
            lock (_gate)
            {
                (batch, wait) = NextBatch();
                if (batch is null && _stopping && _queued == 0)
                {
                    return;
                }
            }

            if (batch is not null)
            {
                Run(batch);
                continue;
            }

            await _signal.WaitAsync(wait).ConfigureAwait(false);
        }
    }

    /// <summary>Under the lock: the batch to run now, or how long until the earliest group is due.</summary>
    private (List<PendingInference>? Batch, TimeSpan Wait) NextBatch()
    {
        var now = _time.GetTimestamp();
        var wait = Timeout.InfiniteTimeSpan;
        BatchGroup? ready = null;
        long readySince = long.MaxValue;
        foreach (var (key, group) in _groups)
        {
            var head = group.Head();
            if (head is null)
            {
                _emptied.Add(key);
                continue;
            }

            var waited = _time.GetElapsedTime(head.EnqueuedAt, now);
            if (group.Solo || _stopping || group.Rows >= _options.MaxBatchSize || waited >= _options.MaxQueueDelay)
            {
                if (head.EnqueuedAt < readySince)
                {
                    (ready, readySince) = (group, head.EnqueuedAt);
                }
            }
            else
            {
                var due = _options.MaxQueueDelay - waited;
                wait = wait == Timeout.InfiniteTimeSpan || due < wait ? due : wait;
            }
        }

        foreach (var key in _emptied)
        {
            _groups.Remove(key);
        }

        _emptied.Clear();
        return ready is null ? (null, wait) : (Take(ready), TimeSpan.Zero);
    }

    /// <summary>Under the lock: the oldest requests of <paramref name="group"/> up to the row limit (one if solo).</summary>
    private List<PendingInference> Take(BatchGroup group)
    {
        var batch = new List<PendingInference>();
        var rows = 0;
        while (group.Head() is { } head)
        {
            if (batch.Count > 0 && (group.Solo || rows + head.Rows > _options.MaxBatchSize))
            {
                break;
            }

            group.Items.Dequeue();
            if (head.TryTake())
            {
                batch.Add(head);
                rows += head.Rows;
                group.Rows -= head.Rows;
                _queued--;
            }
        }

        return batch;
    }

    private void Run(List<PendingInference> batch)
    {
        var started = _time.GetTimestamp();
        var rows = 0;
        foreach (var item in batch)
        {
            _metrics.QueueDelay(_tags, _time.GetElapsedTime(item.EnqueuedAt, started));
            rows += item.Rows;
            item.Registration.Dispose();
        }

        try
        {
            _execute(batch);
        }
        catch (Exception e)
        {
            // The executor completes each request itself; this only catches a fault in the executor, which must not stop the loop.
            foreach (var item in batch)
            {
                item.TrySetException(e);
            }
        }

        _metrics.Batch(_tags, rows, batch.Count, _time.GetElapsedTime(started));
    }
}
