namespace Serverless.Core.Models;

/// <summary>Distribution of one feature in the training data (for drift detection, e.g. PSI).</summary>
/// <param name="Name">Feature name.</param>
/// <param name="BinEdges">Numeric: ascending edges, <c>Counts.Count == BinEdges.Count + 1</c> (below first edge .. above last).</param>
/// <param name="Counts">Numeric: rows per bin; categorical: rows per category in <see cref="FeatureDefinition.Categories"/> order.</param>
/// <param name="Missing">Rows where the value was missing.</param>
/// <param name="Min">Numeric: the smallest training value (live values below it count as out of range); null when unknown.</param>
/// <param name="Max">Numeric: the largest training value; null when unknown.</param>
public sealed record FeatureHistogram(
    string Name, IReadOnlyList<double> BinEdges, IReadOnlyList<long> Counts, long Missing, double? Min = null, double? Max = null);
