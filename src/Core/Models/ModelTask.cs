namespace Serverless.Core.Models;

/// <summary>What a model's outputs mean, which decides how a prediction is presented.</summary>
public enum ModelTask
{
    /// <summary>Outputs carry a label and class probabilities.</summary>
    Classification,
    /// <summary>Outputs carry one value per row.</summary>
    Regression,
    /// <summary>Outputs are returned as tensors, uninterpreted.</summary>
    Other,
}
