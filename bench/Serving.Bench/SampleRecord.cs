using System.Globalization;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Serialization;

namespace Serverless.Bench;

/// <summary>Builds a valid record for any model from its registered feature schema.</summary>
internal static class SampleRecord
{
    /// <summary>A predict body for a registered manifest (JSON as served by the registry endpoints).</summary>
    public static string PredictBody(JsonElement manifest) =>
        ExampleRecord.PredictBody(manifest.Deserialize<ModelManifest>(JsonDefaults.Options)!);

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
