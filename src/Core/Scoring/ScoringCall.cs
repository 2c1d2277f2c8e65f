using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>
/// Who asked for a scoring call and how its version was chosen, as far as the caller knows: what the prediction log
/// records next to each prediction. Every field may be null (batch blocks have no request id; a pinned version no route).
/// </summary>
/// <param name="RequestId">The request id echoed to the caller (<c>x-request-id</c>); feedback refers to it.</param>
/// <param name="RouteReason">Why this version answered (for example <c>pinned</c>, <c>champion</c>, <c>weighted</c>, <c>sticky</c>).</param>
/// <param name="Variant">The A/B variant the request was assigned to, when an experiment runs.</param>
/// <param name="Automation">The model's automation level; null or full: predictions are decisions.</param>
/// <param name="Review">
/// Set by <see cref="RecordScorer"/> below full automation: per record, whether it needs review (queued by the
/// prediction log's writer); null when no record does.
/// </param>
public readonly record struct ScoringCall(
    string? RequestId, string? RouteReason = null, string? Variant = null, ModelAutomation? Automation = null, bool[]? Review = null)
{
    /// <summary>True when the predictions are plain decisions (no level, or full): the response keeps its usual shape.</summary>
    public bool FullAutomation => Automation is null or { Level: AutomationLevel.Full };
}
