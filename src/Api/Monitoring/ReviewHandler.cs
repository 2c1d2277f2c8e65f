using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Api.Rollout;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Monitoring.Review;
using Serverless.Core.Serialization;

namespace Serverless.Api.Monitoring;

/// <summary>
/// The review queue: <c>GET /api/models/{name}/review?limit&amp;continuation&amp;count</c> (read-only) and a reviewer's label,
/// <c>POST /api/models/{name}/review/{requestId}</c> (keyed), which becomes feedback. Thread-safe singleton.
/// </summary>
public sealed class ReviewHandler(ReviewService reviews)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>
    /// 200 <see cref="ReviewPage"/>: up to <c>limit</c> (1-100, default 50) items oldest first and a <c>continuation</c> for the
    /// next page (null on the last); <c>count=true</c> adds <c>pending</c>, the queue length (counted up to 10,000). 400 for a
    /// bad parameter, 404 for an unknown model.
    /// </summary>
    public async Task<IResult> ListAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        var limit = DefaultPageSize;
        if (request.Query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxPageSize))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"limit must be 1-{MaxPageSize}.");
        }

        var count = false;
        if (request.Query.TryGetValue("count", out var countText) && !bool.TryParse(countText, out count))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "count must be true or false.");
        }

        var continuation = request.Query["continuation"].ToString();
        try
        {
            var page = await reviews.ListAsync(name, limit, continuation.Length == 0 ? null : continuation, count, cancellationToken);
            return page is null
                ? ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' has no registered version.")
                : TypedResults.Json(page, JsonDefaults.Options);
        }
        catch (FormatException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>
    /// Body <see cref="ReviewLabelRequest"/>. 200 with the feedback result when the record was queued: the label is stored
    /// as feedback and the item leaves the queue; 400 for a malformed body or a label that does not fit the model, 404 for
    /// an unknown model or a record not in the queue (never queued, already labelled, expired).
    /// </summary>
    public async Task<IResult> LabelAsync(HttpRequest request, string name, string requestId, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        if (!RequestIds.IsValid(requestId))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "The request id must be 1-128 visible ASCII characters.");
        }

        var (body, error) = await ControlBody.ReadAsync<ReviewLabelRequest>(request, null, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        if (body.Label is not { } value || FeedbackLabelParser.LabelText(value) is not { Length: > 0 and <= 256 } label)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "label is required: the true class label or value (a string of 1-256 characters, a number or a boolean).");
        }

        if (body.Index is < 0)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "index must be 0 or more: the record's position in its request.");
        }

        var outcome = await reviews.LabelAsync(name, requestId, body.Index ?? 0, label, cancellationToken);
        return outcome.Kind switch
        {
            ReviewOutcomeKind.Done => TypedResults.Json(outcome.Feedback, JsonDefaults.Options),
            ReviewOutcomeKind.Invalid => ApiError.Result(StatusCodes.Status400BadRequest, outcome.Error!),
            _ => ApiError.Result(StatusCodes.Status404NotFound, outcome.Error!),
        };
    }
}
