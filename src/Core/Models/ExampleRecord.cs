using System.Text.Json.Nodes;

namespace Serverless.Core.Models;

/// <summary>A valid example record for a feature schema: for docs, the start-up banner and benchmarks.</summary>
public static class ExampleRecord
{
    /// <summary>Numeric features get the median of their training histogram when known (else 1), categorical their first category.</summary>
    public static JsonObject Create(FeatureSchema schema, IReadOnlyList<FeatureHistogram>? statistics = null)
    {
        var record = new JsonObject();
        foreach (var feature in schema.Features)
        {
            record[feature.Name] = feature.Kind == FeatureKind.Categorical
                ? JsonValue.Create(feature.Categories![0])
                : JsonValue.Create(Median(statistics?.FirstOrDefault(s => s.Name == feature.Name)));
        }

        return record;
    }

    /// <summary>A <c>{ "records": [ example ] }</c> predict body.</summary>
    public static string PredictBody(ModelManifest manifest) =>
        new JsonObject { ["records"] = new JsonArray(Create(manifest.Features!, manifest.Statistics)) }.ToJsonString();

    private static double Median(FeatureHistogram? histogram) =>
        histogram is { BinEdges.Count: > 0 } h ? Math.Round(h.BinEdges[h.BinEdges.Count / 2], 2) : 1.0;
}
