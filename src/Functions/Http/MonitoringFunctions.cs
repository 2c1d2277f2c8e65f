using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Api.Http;
using Serverless.Api.Monitoring;

namespace Serverless.Functions.Http;

/// <summary>Binds the monitoring endpoints to their Api handlers (same handlers as the local host).</summary>
public sealed class MonitoringFunctions(StatsHandler stats, FeedbackHandler feedback, AccuracyHandler accuracy, DriftChecksHandler drift, ReviewHandler review)
{
    [Function("ModelStats")]
    public Task<IResult> ModelStats(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.ModelStats)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        stats.GetAsync(request, name, cancellationToken);

    [Function("ModelFeedback")]
    public Task<IResult> ModelFeedback(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ModelFeedback)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        feedback.PostAsync(request, name, cancellationToken);

    [Function("ModelAccuracy")]
    public Task<IResult> ModelAccuracy(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.ModelAccuracy)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        accuracy.GetAsync(request, name, cancellationToken);

    [Function("ModelDrift")]
    public Task<IResult> ModelDrift(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.ModelDrift)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        drift.GetAsync(request, name, cancellationToken);

    [Function("ModelReview")]
    public Task<IResult> ModelReview(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.ModelReview)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        review.ListAsync(request, name, cancellationToken);

    [Function("LabelReviewItem")]
    public Task<IResult> LabelReviewItem(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ModelReviewItem)] HttpRequest request, string name, string requestId,
        CancellationToken cancellationToken) =>
        review.LabelAsync(request, name, requestId, cancellationToken);
}
