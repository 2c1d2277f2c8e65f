using Serverless.Core.Models;
using Serverless.Core.Monitoring.GroundTruth;

namespace Serverless.Core.Monitoring.Review;

/// <summary>
/// The human review queue: records that automation levels <c>human</c> and <c>partial</c> did not decide, listed for
/// reviewers, and their labels, which are feedback like any other (<see cref="FeedbackService"/> stores the label and
/// removes the item). Thread-safe singleton.
/// </summary>
public sealed class ReviewService(IModelRegistry registry, ReviewQueueStore queue, PredictionLogStore log, FeedbackService feedback)
{
    /// <summary>A page of the queue, oldest first; null when the model has no registered version.</summary>
    /// <exception cref="FormatException">The continuation is not from a previous page.</exception>
    public async Task<ReviewPage?> ListAsync(string model, int limit, string? continuation, bool count, CancellationToken cancellationToken = default)
    {
        if ((await registry.ListVersionsAsync(model, cancellationToken)).Count == 0)
        {
            return null;
        }

        var (items, next) = await queue.PageAsync(model, limit, continuation, cancellationToken);
        return new ReviewPage(model, items, next, count ? await queue.CountAsync(model, cancellationToken) : null);
    }

    /// <summary>A reviewer's label for a queued record: stored as feedback (live accuracy counts it), then dequeued.</summary>
    public async Task<ReviewOutcome> LabelAsync(string model, string requestId, int index, string label, CancellationToken cancellationToken = default)
    {
        if ((await registry.ListVersionsAsync(model, cancellationToken)).Count == 0)
        {
            return new ReviewOutcome(ReviewOutcomeKind.ModelNotFound, Error: $"Model '{model}' has no registered version.");
        }

        if (await log.GetAsync(model, requestId, index, cancellationToken) is not { ReviewKey: { } key } || !await queue.ContainsAsync(model, key, cancellationToken))
        {
            return new ReviewOutcome(ReviewOutcomeKind.NotQueued,
                Error: $"Record {index} of request '{requestId}' is not in the review queue of '{model}' (never queued, already labelled, or expired).");
        }

        var outcome = await feedback.AddAsync(model, [new FeedbackLabel(requestId, index, label)], cancellationToken);
        return outcome.Result is { Matched: 1 } result
            ? new ReviewOutcome(ReviewOutcomeKind.Done, result)
            : new ReviewOutcome(ReviewOutcomeKind.Invalid, outcome.Result, outcome.Result?.Errors.FirstOrDefault() ?? outcome.Error ?? "The label was not stored.");
    }
}
