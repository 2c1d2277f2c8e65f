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

    /// <summary>Waits until the model is registered on a running host, then prints a predict body for it.</summary>
    public static async Task<int> PrintAsync(string url, string model)
    {
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow.AddMinutes(3); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            try
            {
                var response = await http.GetAsync($"{url}/api/models/{model}/versions/1");
                if (response.IsSuccessStatusCode)
                {
                    Console.WriteLine(PredictBody(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement));
                    return 0;
                }
            }
            catch (HttpRequestException)
            {
                // Host not listening yet.
            }
        }

        Console.Error.WriteLine($"Model '{model}' was not registered at {url} within 3 minutes.");
        return 1;
    }

    public static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
