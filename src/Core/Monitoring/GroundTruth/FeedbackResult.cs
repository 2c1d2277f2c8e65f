namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>What a feedback call did. Matched labels are stored; the others change nothing.</summary>
/// <param name="Received">Labels in the call.</param>
/// <param name="Matched">Labels joined with a logged prediction and stored.</param>
/// <param name="Unmatched">Labels whose request id and index are not in the prediction log (not sampled, expired, or not written yet).</param>
/// <param name="Rejected">Labels that do not fit the predicting version (an unknown class, a non-numeric regression value).</param>
/// <param name="UnmatchedIds">The first unmatched request ids (at most 20).</param>
/// <param name="Errors">Why the first rejected labels were rejected (at most 20).</param>
public sealed record FeedbackResult(int Received, int Matched, int Unmatched, int Rejected, IReadOnlyList<string> UnmatchedIds, IReadOnlyList<string> Errors);
