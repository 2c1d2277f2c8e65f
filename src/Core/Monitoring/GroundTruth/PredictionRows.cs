using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.Review;
using Serverless.Core.Scoring.Automation;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Turns a queued request into one <see cref="LoggedPrediction"/> per record, and review items for those flagged.</summary>
internal static class PredictionRows
{
    private static readonly ConditionalWeakTable<FeatureSchema, FeatureEncoder> Encoders = new();

    // One reusable SHA-256 per thread: the one-shot SHA256.HashData sets up a new OpenSSL digest context per row, which on
    // Linux costs more than hashing a row's few dozen bytes. Same digest; thread-confined, so safe for any caller.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>
    /// Adds one <see cref="LoggedPrediction"/> per record to <paramref name="batch"/>, and a <see cref="ReviewItem"/> for each
    /// record the call flagged for review (the log row then points to it through <see cref="LoggedPrediction.ReviewKey"/>).
    /// </summary>
    public static void Add(PendingPredictions pending, bool storeInputs, bool storeReviewRecords, PredictionBatch batch)
    {
        var manifest = pending.Manifest;
        var predictions = pending.Predictions;
        var rows = Math.Min(pending.Rows, predictions.Rows);
        var width = rows == 0 ? 0 : pending.Features.Length / pending.Rows;
        var call = pending.Call;
        var requestId = call.RequestId!;
        var variant = call.Variant ?? VariantOf(call.RouteReason);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var r = 0; r < rows; r++)
        {
            var features = pending.Features.AsSpan(r * width, width);
            sha256.AppendData(MemoryMarshal.AsBytes(features));
            sha256.GetHashAndReset(hash);
            var score = ScoreOf(predictions, r);
            string? reviewKey = null;
            if (call.Review is { } review && r < review.Length && review[r])
            {
                reviewKey = TableKeys.Labelled(pending.Time, requestId, r);
                batch.Reviews.Add(new ReviewItem(
                    manifest.Name, reviewKey, manifest.Version, requestId, r, pending.Time, call.Automation?.Level ?? AutomationLevel.Human,
                    predictions.Labels?[r], score, ReviewDecisions.Confidence(predictions, r), call.RouteReason,
                    storeReviewRecords && manifest.Features is { } schema ? Decode(schema, features) : null));
            }

            batch.Rows.Add(new LoggedPrediction(
                manifest.Name, manifest.Version, requestId, r, pending.Time, pending.Endpoint, predictions.Labels?[r], score, call.RouteReason, variant,
                Convert.ToHexStringLower(hash), storeInputs ? features.ToArray() : null, reviewKey));
        }
    }

    /// <summary>The record's field values as a reviewer reads them (numbers, category names, booleans, null when missing).</summary>
    private static JsonObject Decode(FeatureSchema schema, ReadOnlySpan<float> features)
    {
        var encoder = Encoders.GetValue(schema, s => new FeatureEncoder(s));
        var record = new JsonObject();
        for (var c = 0; c < features.Length && c < schema.Features.Count; c++)
        {
            record[schema.Features[c].Name] = encoder.Decode(c, features[c]) switch
            {
                double number when double.IsFinite(number) => JsonValue.Create(number),
                string text => JsonValue.Create(text),
                bool flag => JsonValue.Create(flag),
                _ => null,
            };
        }

        return record;
    }

    /// <summary>An A/B route reason (<c>ab:A</c>, <c>ab:B</c>: RouteReasons) names the variant; other reasons none.</summary>
    internal static string? VariantOf(string? routeReason) =>
        routeReason is { Length: > 3 } r && r.StartsWith("ab:", StringComparison.Ordinal) ? r[3..] : null;

    /// <summary>As the window statistics score a row: the value; two classes the second's probability; more the top one.</summary>
    private static double? ScoreOf(Scoring.TabularPredictions predictions, int row)
    {
        if (predictions.Values is { } values)
        {
            return values[row];
        }

        var width = predictions.ClassLabels?.Count ?? 0;
        if (predictions.Probabilities is not { } probabilities || width == 0)
        {
            return null;
        }

        var all = probabilities.AsSpan(row * width, width);
        return width == 2 ? all[1] : Max(all);
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var max = values[0];
        foreach (var v in values[1..])
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
