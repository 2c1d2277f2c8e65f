namespace Serverless.Core.Monitoring;

/// <summary>
/// A request's own counts in the version's flat layout, on the caller's stack: for requests with many records, each value
/// is one increment of a local int, and the shared window and totals take the whole array once, under the lock, instead
/// of one increment per value there (which also kept the lock held for the whole request).
/// </summary>
internal readonly ref struct CountBins(Span<int> counts) : ICountSink
{
    private readonly Span<int> _counts = counts;

    /// <summary>The counts per index; as long as <see cref="VersionLayout.Size"/>, zeroed by the caller.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    public void Add(int index) => _counts[index]++;
}
