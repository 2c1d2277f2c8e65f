namespace Serverless.Training.Spec;

public enum TrainingTask
{
    /// <summary>Two classes; probabilities of class 0 and 1, with AUC, log loss and calibration error.</summary>
    Binary,
    /// <summary>Two or more classes named by the label values; probabilities per class, with macro-F1, log loss and a confusion matrix.</summary>
    Multiclass,
    /// <summary>One number per row, with RMSE, MAE and R².</summary>
    Regression,
}
