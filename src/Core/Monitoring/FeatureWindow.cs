using System.Text.Json.Serialization;

namespace Serverless.Core.Monitoring;

/// <summary>Live distribution of one feature in a window, binned like its training histogram.</summary>
/// <remarks>Not thread-safe. Mergeable exactly with a window of the same feature and version.</remarks>
public sealed class FeatureWindow
{
    [JsonConstructor]
    public FeatureWindow(FixedHistogram values, long missing = 0, long belowRange = 0, long aboveRange = 0)
    {
        Values = values;
        Missing = missing;
        BelowRange = belowRange;
        AboveRange = aboveRange;
    }

    /// <summary>
    /// Non-missing values: numeric features in the training histogram's bins (one bin when the model has no training
    /// statistics); categorical features one bin per category index (edges 1..k-1, see <see cref="MonitoringBuckets.Categorical"/>).
    /// </summary>
    public FixedHistogram Values { get; }

    /// <summary>Rows where the value was missing (encoded as NaN).</summary>
    public long Missing { get; set; }

    /// <summary>Numeric values below the training minimum (0 when the manifest has none).</summary>
    public long BelowRange { get; set; }

    /// <summary>Numeric values above the training maximum (0 when the manifest has none).</summary>
    public long AboveRange { get; set; }

    /// <summary>Rows seen: values plus missing.</summary>
    public long Rows => Values.Count + Missing;

    public void Merge(FeatureWindow other)
    {
        Values.Merge(other.Values);
        Missing += other.Missing;
        BelowRange += other.BelowRange;
        AboveRange += other.AboveRange;
    }

    public FeatureWindow Clone() => new(Values.Clone(), Missing, BelowRange, AboveRange);
}
