namespace Serverless.Training.MlNet;

/// <summary>ML.NET's binary classifier output columns.</summary>
internal sealed class PredictionRow
{
    /// <summary>Raw ensemble score; the predicted label is <c>Score &gt; 0</c>.</summary>
    public float Score { get; set; }

    /// <summary>Platt-calibrated probability of the positive class.</summary>
    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}
