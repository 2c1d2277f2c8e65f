using Serverless.Core.Monitoring.Review;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>What the prediction log's writer stores from a run of queued requests: log rows, then the review items among them.</summary>
public sealed record PredictionBatch(List<LoggedPrediction> Rows, List<ReviewItem> Reviews);
