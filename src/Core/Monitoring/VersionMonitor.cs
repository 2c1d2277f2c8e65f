namespace Serverless.Core.Monitoring;

/// <summary>
/// The live state of one model version on this instance: the accumulator of the current minute, minutes not
/// yet flushed, and cumulative totals since start (read by the observable instruments). Thread-safe.
/// </summary>
internal sealed class VersionMonitor(VersionLayout layout)
{
    private readonly Lock _gate = new();
    private readonly List<WindowAccumulator> _closed = [];
    private WindowAccumulator? _current;

    public VersionLayout Layout { get; } = layout;

    /// <summary>Per-row counts since start, same layout as a minute's. Guarded by <see cref="TotalsGate"/>.</summary>
    public long[] Totals { get; } = new long[layout.Size];

    public Lock TotalsGate { get; } = new();

    /// <summary>The accumulator of <paramref name="minute"/>; a newer minute closes the current one.</summary>
    public WindowAccumulator For(DateTimeOffset minute)
    {
        var current = _current;
        if (current is not null && current.Minute == minute)
        {
            return current;
        }

        lock (_gate)
        {
            if (_current is null || _current.Minute < minute)
            {
                if (_current is not null)
                {
                    _closed.Add(_current);
                }

                _current = new WindowAccumulator(Layout, minute);
                return _current;
            }

            if (_current.Minute == minute)
            {
                return _current;
            }

            // A late caller from a minute already closed (it read the clock before the roll-over).
            return _closed.LastOrDefault(a => a.Minute == minute) ?? _current;
        }
    }

    /// <summary>Accumulators with changes since the last flush; closed ones are handed over and forgotten.</summary>
    /// <param name="closedBefore">Closed minutes older than this are released after they are returned.</param>
    public List<WindowAccumulator> TakeForFlush(DateTimeOffset closedBefore, out List<WindowAccumulator> released)
    {
        lock (_gate)
        {
            var result = new List<WindowAccumulator>(_closed.Count + 1);
            released = [];
            foreach (var closed in _closed)
            {
                result.Add(closed);
                if (closed.Minute < closedBefore)
                {
                    released.Add(closed);
                }
            }

            _closed.RemoveAll(released.Contains);
            if (_current is not null)
            {
                result.Add(_current);
            }

            return result;
        }
    }

    /// <summary>Every minute held in memory (not yet released), merged: what this instance saw recently.</summary>
    public WindowAggregate Snapshot()
    {
        List<WindowAccumulator> all;
        lock (_gate)
        {
            all = [.. _closed];
            if (_current is not null)
            {
                all.Add(_current);
            }
        }

        var merged = new WindowAggregate();
        foreach (var accumulator in all)
        {
            lock (accumulator.Gate)
            {
                merged.Merge(accumulator.ToAggregate());
            }
        }

        return merged;
    }

    /// <summary>Puts back released minutes whose flush failed, so the next flush writes them again.</summary>
    public void Restore(IEnumerable<WindowAccumulator> accumulators)
    {
        lock (_gate)
        {
            foreach (var accumulator in accumulators)
            {
                if (!_closed.Contains(accumulator) && !ReferenceEquals(accumulator, _current))
                {
                    _closed.Add(accumulator);
                }
            }

            _closed.Sort((a, b) => a.Minute.CompareTo(b.Minute));
        }
    }
}
