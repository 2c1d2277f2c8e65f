using System.Text.Json.Serialization;

namespace Serverless.Core.Monitoring;

/// <summary>
/// Counts of values in fixed bins: bin 0 holds values below <c>Edges[0]</c>, bin i values in
/// <c>[Edges[i-1], Edges[i])</c>, the last bin values at or above the last edge (the training histograms' rule,
/// so live and training counts line up bin for bin). Mergeable exactly with any histogram of the same edges.
/// </summary>
/// <remarks>Not thread-safe; owners guard it (see <see cref="WindowAccumulator"/>).</remarks>
public sealed class FixedHistogram
{
    public FixedHistogram(IReadOnlyList<double> edges)
        : this(edges, new long[edges.Count + 1], 0)
    {
    }

    /// <summary>Restores a histogram (from storage); <paramref name="counts"/> must have <c>edges.Count + 1</c> entries.</summary>
    [JsonConstructor]
    public FixedHistogram(IReadOnlyList<double> edges, long[] counts, double sum)
    {
        if (counts.Length != edges.Count + 1)
        {
            throw new ArgumentException($"{edges.Count} edges need {edges.Count + 1} counts, got {counts.Length}.", nameof(counts));
        }

        Edges = edges;
        Counts = counts;
        Sum = sum;
    }

    public IReadOnlyList<double> Edges { get; }

    /// <summary>Values per bin; <c>Edges.Count + 1</c> entries.</summary>
    public long[] Counts { get; }

    /// <summary>Sum of all recorded values (for means).</summary>
    public double Sum { get; private set; }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var c in Counts)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>The bin of a value: the number of edges at or below it.</summary>
    public static int BinOf(IReadOnlyList<double> edges, double value)
    {
        if (edges is double[] array)
        {
            return BinOf(array.AsSpan(), value);
        }

        int low = 0, high = edges.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (edges[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>As above on an array's span: what the hot path calls, without an interface call per comparison.</summary>
    public static int BinOf(ReadOnlySpan<double> edges, double value)
    {
        int low = 0, high = edges.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (edges[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    public void Add(double value)
    {
        Counts[BinOf(Edges, value)]++;
        Sum += value;
    }

    /// <summary>Adds another histogram's counts; exact. Throws when the edges differ.</summary>
    public void Merge(FixedHistogram other)
    {
        if (!SameEdges(Edges, other.Edges))
        {
            throw new InvalidOperationException("Histograms with different bin edges cannot be merged.");
        }

        for (var i = 0; i < Counts.Length; i++)
        {
            Counts[i] += other.Counts[i];
        }

        Sum += other.Sum;
    }

    /// <summary>
    /// Estimated quantile (0..1) by linear interpolation inside the bin that holds it; the open first and last
    /// bins answer their finite edge. NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        var total = Count;
        if (total == 0 || Edges.Count == 0)
        {
            return total == 0 ? double.NaN : Sum / total;
        }

        var rank = Math.Clamp(q, 0, 1) * total;
        long seen = 0;
        for (var i = 0; i < Counts.Length; i++)
        {
            if (Counts[i] == 0 || seen + Counts[i] < rank)
            {
                seen += Counts[i];
                continue;
            }

            if (i == 0)
            {
                return Edges[0];
            }

            if (i == Counts.Length - 1)
            {
                return Edges[^1];
            }

            var fraction = (rank - seen) / Counts[i];
            return Edges[i - 1] + fraction * (Edges[i] - Edges[i - 1]);
        }

        return Edges[^1];
    }

    public FixedHistogram Clone() => new(Edges, (long[])Counts.Clone(), Sum);

    public static bool SameEdges(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
