namespace Serverless.Core.Monitoring;

/// <summary>
/// Collects the indices a request increments, in order: cheaper than <see cref="CountBins"/> when a request has fewer
/// indices than the layout has counts (one or a few records), since only what was seen is added under the lock.
/// </summary>
internal ref struct CountIndices(Span<int> indices) : ICountSink
{
    private readonly Span<int> _indices = indices;
    private int _count;

    /// <summary>The indices added so far.</summary>
    public readonly ReadOnlySpan<int> Written => _indices[.._count];

    public void Add(int index) => _indices[_count++] = index;
}
