using Serverless.Core.Monitoring.GroundTruth;

namespace Serverless.Core.Monitoring.Review;

/// <summary>What a reviewer's label did; only <see cref="ReviewOutcomeKind.Done"/> changed anything.</summary>
public sealed record ReviewOutcome(ReviewOutcomeKind Kind, FeedbackResult? Feedback = null, string? Error = null);
