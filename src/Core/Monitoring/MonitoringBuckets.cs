namespace Serverless.Core.Monitoring;

/// <summary>Fixed bucket edges shared by every instance, so their windows merge bin for bin.</summary>
/// <remarks>Changing an array here makes new windows unmergeable with stored ones; add a new field instead.</remarks>
public static class MonitoringBuckets
{
    /// <summary>Request latency edges in milliseconds.</summary>
    public static IReadOnlyList<double> LatencyMilliseconds { get; } =
        [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    /// <summary>Classification score edges (probabilities) when the manifest saved no training score histogram.</summary>
    public static IReadOnlyList<double> Probability { get; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>Edges for a categorical feature of <paramref name="categories"/> categories: bin i is category i.</summary>
    public static double[] Categorical(int categories) =>
        Enumerable.Range(1, Math.Max(categories - 1, 0)).Select(i => (double)i).ToArray();
}
