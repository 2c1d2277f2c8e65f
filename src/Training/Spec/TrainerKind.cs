namespace Serverless.Training.Spec;

/// <summary>The ML.NET gradient-boosted tree trainer to use. Both export to ONNX with the same predictions.</summary>
public enum TrainerKind
{
    /// <summary>LightGBM (default): fastest, and learns a direction for missing values at every split.</summary>
    LightGbm,

    /// <summary>ML.NET's FastTree (MART): missing values always take the "greater than" branch.</summary>
    FastTree,
}
