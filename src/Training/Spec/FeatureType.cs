namespace Serverless.Training.Spec;

public enum FeatureType
{
    /// <summary>Invariant-culture numbers.</summary>
    Numeric,
    /// <summary>Any text; encoded as the index of the value among the sorted distinct values of the training file.</summary>
    Categorical,
    /// <summary>true/false, yes/no or 1/0 (case-insensitive), encoded 1/0.</summary>
    Boolean,
}
