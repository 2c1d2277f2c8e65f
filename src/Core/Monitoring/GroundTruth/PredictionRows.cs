using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Turns a queued request into one <see cref="LoggedPrediction"/> per record.</summary>
internal static class PredictionRows
{
    public static List<LoggedPrediction> From(PendingPredictions pending, bool storeInputs)
    {
        var result = new List<LoggedPrediction>(pending.Rows);
        var manifest = pending.Manifest;
        var predictions = pending.Predictions;
        var rows = Math.Min(pending.Rows, predictions.Rows);
        var width = rows == 0 ? 0 : pending.Features.Length / pending.Rows;
        var call = pending.Call;
        var variant = call.Variant ?? VariantOf(call.RouteReason);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        for (var r = 0; r < rows; r++)
        {
            var features = pending.Features.AsSpan(r * width, width);
            SHA256.HashData(MemoryMarshal.AsBytes(features), hash);
            result.Add(new LoggedPrediction(
                manifest.Name, manifest.Version, pending.Call.RequestId!, r, pending.Time, pending.Endpoint,
                predictions.Labels?[r], ScoreOf(predictions, r), call.RouteReason, variant,
                Convert.ToHexStringLower(hash), storeInputs ? features.ToArray() : null));
        }

        return result;
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
