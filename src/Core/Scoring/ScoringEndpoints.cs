namespace Serverless.Core.Scoring;

/// <summary>Values of the <c>scoring.endpoint</c> tag: which way a prediction came in.</summary>
public static class ScoringEndpoints
{
    /// <summary><c>POST /api/models/{name}/predict</c> with JSON records.</summary>
    public const string Records = "records";

    /// <summary>Open Inference Protocol v2 <c>infer</c>.</summary>
    public const string OpenInference = "oip";

    /// <summary>A block of rows of a batch file.</summary>
    public const string Batch = "batch";

    /// <summary>A copy of a live request scored by a shadow version off the response path (never answered to anyone).</summary>
    public const string Shadow = "shadow";
}
