namespace Serverless.Core.Models;

public enum FeatureKind
{
    Numeric,
    /// <summary>Ordinal-encoded: the category's index in <see cref="FeatureDefinition.Categories"/>.</summary>
    Categorical,
}
