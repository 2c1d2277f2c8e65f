namespace Serverless.Core.Models;

/// <summary>One named field of a record and how it is encoded into one float column.</summary>
/// <param name="Name">The JSON field / CSV column name.</param>
/// <param name="Kind">Numeric values pass through; categorical values become their index in <paramref name="Categories"/>.</param>
/// <param name="Categories">Known categories in encoding order (categorical only).</param>
/// <param name="Required">When false, a missing or null value is encoded as NaN (the trees' missing branch).</param>
public sealed record FeatureDefinition(
    string Name,
    FeatureKind Kind,
    IReadOnlyList<string>? Categories = null,
    bool Required = false);
