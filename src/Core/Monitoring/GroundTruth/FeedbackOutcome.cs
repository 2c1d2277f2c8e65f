namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>How a feedback call ended; only <see cref="FeedbackOutcomeKind.Done"/> stored anything.</summary>
public sealed record FeedbackOutcome(FeedbackOutcomeKind Kind, FeedbackResult? Result = null, string? Error = null)
{
    public static FeedbackOutcome Failed(FeedbackOutcomeKind kind, string error) => new(kind, null, error);
}
