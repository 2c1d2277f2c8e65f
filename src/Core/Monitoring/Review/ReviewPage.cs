namespace Serverless.Core.Monitoring.Review;

/// <summary>One page of a model's review queue, oldest first.</summary>
/// <param name="Continuation">Pass back as <c>continuation</c> for the next page; null on the last page.</param>
/// <param name="Pending">Queue length when asked for (<c>count=true</c>), counted up to <see cref="ReviewQueueStore.MaxCount"/>.</param>
public sealed record ReviewPage(string Model, IReadOnlyList<ReviewItem> Items, string? Continuation, int? Pending = null);
