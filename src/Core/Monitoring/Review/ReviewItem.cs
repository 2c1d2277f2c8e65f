using System.Text.Json.Nodes;
using Serverless.Core.Models;

namespace Serverless.Core.Monitoring.Review;

/// <summary>One record waiting for a reviewer's label (<c>GET /api/models/{name}/review</c>).</summary>
/// <param name="Key">Its row key (prediction time, request id, index): the queue's order and what the prediction log points to.</param>
/// <param name="Level">The automation level that queued it: <c>human</c> (every record) or <c>partial</c> (below the threshold).</param>
/// <param name="Label">The model's suggestion (classification).</param>
/// <param name="Score">As the prediction log's score: positive-class probability, top probability, or the regression value.</param>
/// <param name="Confidence">The top class probability compared with the threshold; null for regression.</param>
/// <param name="Record">The record's field values, when <see cref="ReviewOptions.StoreInputs"/> is on.</param>
public sealed record ReviewItem(
    string Model,
    string Key,
    int Version,
    string RequestId,
    int Index,
    DateTimeOffset Time,
    AutomationLevel Level,
    string? Label,
    double? Score,
    double? Confidence,
    string? RouteReason,
    JsonObject? Record);
