namespace Serverless.Core.Models;

public enum FeatureKind
{
    Numeric,
    /// <summary>Ordinal-encoded: the category's index in <see cref="FeatureDefinition.Categories"/>.</summary>
    Categorical,
    /// <summary>1 for true/yes/1, 0 for false/no/0 (text case-insensitive; JSON booleans and the numbers 0 and 1).</summary>
    Boolean,
}
