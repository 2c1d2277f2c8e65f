namespace Serverless.Core.Monitoring;

/// <summary>
/// The live state of one model version on this instance: the accumulator of the current minute, minutes not yet
/// flushed, and cumulative totals since start (read by the observable instruments). Every member is guarded by
/// <see cref="Gate"/>, held by the hot path only for a few increments.
/// </summary>
internal sealed class VersionMonitor(VersionLayout layout)
{
    private readonly List<WindowAccumulator> _closed = [];
    private WindowAccumulator? _current;

    public Lock Gate { get; } = new();

    public VersionLayout Layout { get; } = layout;

    /// <summary>Per-row counts since start, in the layout of a minute's.</summary>
    public long[] Totals { get; } = new long[layout.Size];

    /// <summary>Requests and records since start, per endpoint (<see cref="EndpointIndex"/>).</summary>
    public long[] TotalRequests { get; } = new long[Endpoints.Length];

    public long[] TotalRecords { get; } = new long[Endpoints.Length];

    /// <summary>Seconds per stage since start, in <see cref="WindowAccumulator.Stages"/> order.</summary>
    public double[] TotalStageSeconds { get; } = new double[WindowAccumulator.Stages.Length];

    /// <summary>Tags of the duration histogram per endpoint, built once.</summary>
    public KeyValuePair<string, object?>[][] EndpointTags { get; } = Endpoints.Select(e => new KeyValuePair<string, object?>[]
    {
        new(MonitoringTelemetry.ModelTag, layout.Manifest.Name), new(MonitoringTelemetry.VersionTag, layout.VersionTag),
        new(MonitoringTelemetry.EndpointTag, e),
    }).ToArray();

    public static readonly string[] Endpoints = [Scoring.ScoringEndpoints.Records, Scoring.ScoringEndpoints.OpenInference, Scoring.ScoringEndpoints.Batch];

    public static int EndpointIndex(string endpoint) =>
        endpoint == Scoring.ScoringEndpoints.Records ? 0 : endpoint == Scoring.ScoringEndpoints.OpenInference ? 1 : 2;

    /// <summary>Adds one to the minute's count and the total at each index. Caller holds <see cref="Gate"/>.</summary>
    public void AddIndices(WindowAccumulator accumulator, ReadOnlySpan<int> indices)
    {
        var counts = accumulator.Counts;
        var totals = Totals;
        foreach (var index in indices)
        {
            counts[index]++;
            totals[index]++;
        }
    }

    /// <summary>Adds a request's own counts (<see cref="VersionLayout.Size"/> long) to the minute's and the totals. Caller holds <see cref="Gate"/>.</summary>
    public void AddCounts(WindowAccumulator accumulator, ReadOnlySpan<int> bins)
    {
        var counts = accumulator.Counts.AsSpan(0, bins.Length);
        var totals = Totals.AsSpan(0, bins.Length);
        for (var i = 0; i < bins.Length; i++)
        {
            counts[i] += bins[i];
            totals[i] += bins[i];
        }
    }

    /// <summary>The accumulator of <paramref name="minute"/>; a newer minute closes the current one. Caller holds <see cref="Gate"/>.</summary>
    public WindowAccumulator For(DateTimeOffset minute)
    {
        var current = _current;
        if (current is not null && current.Minute == minute)
        {
            return current;
        }

        if (current is null || current.Minute < minute)
        {
            if (current is not null)
            {
                _closed.Add(current);
            }

            return _current = new WindowAccumulator(Layout, minute);
        }

        // A late caller from a minute already closed (it read the clock before the roll-over).
        return _closed.LastOrDefault(a => a.Minute == minute) ?? current;
    }

    /// <summary>
    /// Snapshots of the minutes changed since the last flush, marked clean. Closed minutes before
    /// <paramref name="closedBefore"/> are forgotten; one that fails to be written comes back through <see cref="Restore"/>.
    /// </summary>
    public List<(WindowAccumulator Accumulator, WindowAggregate Snapshot)> TakeForFlush(DateTimeOffset closedBefore)
    {
        lock (Gate)
        {
            var result = new List<(WindowAccumulator, WindowAggregate)>();
            foreach (var accumulator in _closed.Append(_current))
            {
                if (accumulator is { Dirty: true })
                {
                    result.Add((accumulator, accumulator.ToAggregate()));
                    accumulator.Dirty = false;
                }
            }

            _closed.RemoveAll(a => a.Minute < closedBefore);
            return result;
        }
    }

    /// <summary>After a failed write: marks the minutes dirty again and takes forgotten ones back.</summary>
    public void Restore(IEnumerable<WindowAccumulator> unwritten)
    {
        lock (Gate)
        {
            foreach (var accumulator in unwritten)
            {
                accumulator.Dirty = true; // rewriting an already written total is harmless
                if (!_closed.Contains(accumulator) && !ReferenceEquals(accumulator, _current))
                {
                    _closed.Add(accumulator);
                }
            }

            _closed.Sort((a, b) => a.Minute.CompareTo(b.Minute));
        }
    }

    /// <summary>Every minute held in memory (not yet released), merged: what this instance saw recently.</summary>
    public WindowAggregate Snapshot()
    {
        var merged = new WindowAggregate();
        lock (Gate)
        {
            foreach (var accumulator in _closed.Append(_current))
            {
                if (accumulator is not null)
                {
                    merged.Merge(accumulator.ToAggregate());
                }
            }
        }

        return merged;
    }
}
