using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Bench;

/// <summary>Builds a valid record for any model from its registered feature schema.</summary>
internal static class SampleRecord
{
    /// <summary>A <c>{ "records": [ ... ] }</c> body with one record: numerics 1.5, categoricals their first category.</summary>
    public static string PredictBody(JsonElement manifest)
    {
        var record = new JsonObject();
        foreach (var feature in manifest.GetProperty("features").GetProperty("features").EnumerateArray())
        {
            var name = feature.GetProperty("name").GetString()!;
            record[name] = feature.GetProperty("kind").GetString() == "categorical"
                ? JsonValue.Create(feature.GetProperty("categories")[0].GetString())
                : JsonValue.Create(1.5);
        }

        return new JsonObject { ["records"] = new JsonArray(record) }.ToJsonString();
    }

    public static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
