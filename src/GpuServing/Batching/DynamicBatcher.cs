using System.Diagnostics;
using System.Globalization;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.GpuServing.Batching;

/// <summary>
/// The dynamic batching queue of one model version: requests with equal batch keys are concatenated along
/// dimension 0 and run as one call by a single loop.
/// </summary>
/// <remarks>
/// Guarantees:
/// <list type="bullet">
/// <item>A batch is cut when its group holds <see cref="BatchingOptions.MaxBatchSize"/> rows or its oldest request
/// has waited <see cref="BatchingOptions.MaxQueueDelay"/>; it takes requests oldest first and never more rows than
/// the maximum (a larger request runs alone). Among ready groups the one with the oldest request goes first.</item>
/// <item>Requests with different keys (shapes that cannot be concatenated, different outputs) never share a batch.</item>
/// <item>At most <see cref="BatchingOptions.MaxQueuedRequests"/> wait; beyond that <see cref="QueueFullException"/>.</item>
/// <item>A caller whose token is cancelled before its batch starts is removed and its task is cancelled; once
/// started, the batch runs to the end and the result is simply not read.</item>
/// <item><see cref="DrainAsync"/> refuses new requests (<see cref="BatcherStoppedException"/>), cuts everything
/// queued without waiting for the delay, and returns once the loop has run it all.</item>
/// </list>
/// Thread-safe: any number of callers; one loop runs the batches, so the executor is never called concurrently.
/// </remarks>
internal sealed partial class DynamicBatcher
{
    private readonly object _gate = new();
    private readonly Dictionary<string, BatchGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<string> _emptied = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Action<List<PendingInference>> _execute;
    private readonly BatchingOptions _options;
    private readonly BatchingMetrics _metrics;
    private readonly TagList _tags;
    private readonly TimeProvider _time;
    private readonly string _model;
    private readonly Task _loop;
    private int _queued;
    private long _soloKeys;
    private bool _stopping;

    /// <param name="execute">Runs one batch and completes every request in it; called from one loop only.</param>
    public DynamicBatcher(string model, int version, Action<List<PendingInference>> execute, BatchingOptions options, BatchingMetrics metrics, TimeProvider time)
    {
        _model = string.Create(CultureInfo.InvariantCulture, $"Model '{model}' version {version}");
        _execute = execute;
        _options = options;
        _metrics = metrics;
        _time = time;
        _tags = new TagList { { "model", model }, { "version", version } };
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Requests waiting (not yet in a batch).</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Queues a checked request and returns its outputs once its batch has run.</summary>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    /// <exception cref="BatcherStoppedException">The batcher is draining.</exception>
    public Task<InferenceTensor[]> InferAsync(InferenceTensor[] inputs, string[] inputNames, string[] outputNames, int rows, string? key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new PendingInference(inputs, inputNames, outputNames, rows, key, _time.GetTimestamp());
        lock (_gate)
        {
            if (_stopping)
            {
                throw new BatcherStoppedException($"{_model} is being unloaded and takes no new requests.");
            }

            if (_queued >= _options.MaxQueuedRequests)
            {
                _metrics.Rejected(_tags);
                throw new QueueFullException($"{_model}: the batching queue is full ({_options.MaxQueuedRequests} requests waiting); retry later.");
            }

            var groupKey = key ?? "\0solo" + (++_soloKeys).ToString(CultureInfo.InvariantCulture);
            if (!_groups.TryGetValue(groupKey, out var group))
            {
                group = new BatchGroup(solo: key is null);
                _groups.Add(groupKey, group);
            }

            group.Items.Enqueue(item);
            group.Rows += rows;
            item.Group = group;
            _queued++;
        }

        if (cancellationToken.CanBeCanceled)
        {
            // Registered after queuing: a token already cancelled runs the callback at once, which dequeues it.
            item.Registration = cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var (self, pending) = ((DynamicBatcher, PendingInference))state!;
                self.Cancel(pending, token);
            }, (this, item));
        }

        Signal();
        return item.Task;
    }

    /// <summary>Stops taking requests, runs everything queued at once, and completes when the loop has finished.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            _stopping = true;
        }

        Signal();
        return _loop;
    }

    private void Cancel(PendingInference item, CancellationToken token)
    {
        if (!item.TryCancel())
        {
            return;
        }

        lock (_gate)
        {
            item.Group!.Rows -= item.Rows;
            _queued--;
        }

        _metrics.Cancelled(_tags);
        item.TrySetCanceled(token);

        // A draining loop may be waiting for this request's count to leave the queue.
        Signal();
    }

    private void Signal()
    {
        // Spurious wake-ups are harmless (the loop re-checks); a lost one cannot happen, the count only grows.
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }
}
