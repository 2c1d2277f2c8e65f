using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Serialization;

namespace Serverless.Api.Monitoring;

/// <summary><c>POST /api/models/{name}/feedback</c>: true labels joined with the prediction log. Thread-safe singleton.</summary>
public sealed class FeedbackHandler(FeedbackService feedback, IOptions<FeedbackOptions> options)
{
    /// <summary>
    /// Body <c>{ "labels": [ { "requestId", "index"?, "label" } ] }</c>, or <c>{ "blob": "path.jsonl" }</c> for a JSON-lines
    /// file of the same objects in the feedback container. 200 with <see cref="FeedbackResult"/>; 400 for a malformed body or
    /// file (nothing stored), 404 for an unknown model or file, 413/415 for an oversized or non-JSON body.
    /// </summary>
    public async Task<IResult> PostAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        var (body, bodyError) = await JsonRequestBody.ReadAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return bodyError!;
        }

        FeedbackOutcome outcome;
        using (body)
        {
            if (!TryParse(body, options.Value.MaxLabelsPerRequest, out var labels, out var blob, out var error))
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, error);
            }

            outcome = blob is null
                ? await feedback.AddAsync(name, labels!, cancellationToken)
                : await feedback.AddFromBlobAsync(name, blob, cancellationToken);
        }

        return outcome.Kind switch
        {
            FeedbackOutcomeKind.Done => TypedResults.Json(outcome.Result, JsonDefaults.Options),
            FeedbackOutcomeKind.Invalid => ApiError.Result(StatusCodes.Status400BadRequest, outcome.Error!),
            _ => ApiError.Result(StatusCodes.Status404NotFound, outcome.Error!),
        };
    }

    private static bool TryParse(JsonRequestBody body, int maxLabels, out List<FeedbackLabel>? labels, out string? blob, out string error)
    {
        (labels, blob, error) = (null, null, "");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Span.ToArray());
        }
        catch (JsonException e)
        {
            error = "The body is not valid JSON: " + e.Message;
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            var hasLabels = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("labels", out _);
            var hasBlob = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("blob", out _);
            if (hasLabels == hasBlob)
            {
                error = "The body must be an object with either \"labels\": [ { \"requestId\", \"index\"?, \"label\" } ] or \"blob\": \"file.jsonl\".";
                return false;
            }

            if (hasBlob)
            {
                blob = root.GetProperty("blob").ValueKind == JsonValueKind.String ? root.GetProperty("blob").GetString() : null;
                if (blob is not { Length: > 0 and <= 1024 } || blob.StartsWith('/') || blob.Split('/').Contains(".."))
                {
                    error = "\"blob\" must be a file name of 1-1024 characters inside the feedback container (no leading '/', no '..').";
                    return false;
                }

                return true;
            }

            var array = root.GetProperty("labels");
            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() is 0 || array.GetArrayLength() > maxLabels)
            {
                error = $"\"labels\" must be an array of 1-{maxLabels} labels.";
                return false;
            }

            labels = new List<FeedbackLabel>(array.GetArrayLength());
            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (!FeedbackLabelParser.TryParse(element, out var label, out var why))
                {
                    (labels, error) = (null, $"labels[{i}]: {why}.");
                    return false;
                }

                labels.Add(label);
                i++;
            }

            return true;
        }
    }
}
