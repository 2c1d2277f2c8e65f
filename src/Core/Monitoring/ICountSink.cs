namespace Serverless.Core.Monitoring;

/// <summary>
/// Where <see cref="RowStatistics.Count{TSink}"/> puts each count it finds: a list of indices (<see cref="CountIndices"/>,
/// for small requests) or local per-bin counts (<see cref="CountBins"/>, for large ones). A generic struct argument, so the
/// JIT compiles one specialised loop per sink with the call inlined: no interface dispatch per value.
/// </summary>
internal interface ICountSink
{
    /// <summary>Counts one at <paramref name="index"/> of the version's flat layout (<see cref="VersionLayout"/>).</summary>
    void Add(int index);
}
