using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Training;
using Serverless.Training.Data;
using Serverless.Training.Spec;

namespace Serverless.LocalHost.Tests.Training;

/// <summary>
/// Checks that a served model answers as ML.NET's own model does on the same rows, by records and by OIP v2 (within
/// 1e-5, labels equal), whichever way it was trained and registered.
/// </summary>
internal static class ServingParity
{
    private const int Rows = 200;

    public static async Task AssertRecordsAsync(HttpClient client, string name, TrainingResult reference, List<Dictionary<string, string?>> records, Serverless.Training.MlNet.ModelOutputs expected)
    {
        var response = await client.PostAsJsonAsync($"/api/models/{name}/predict", new { records });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var predictions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions");
        Assert.Equal(records.Count, predictions.GetArrayLength());
        for (var i = 0; i < records.Count; i++)
        {
            var prediction = predictions[i];
            if (reference.Task == ModelTask.Regression)
            {
                Close(expected.Scores![i], prediction.GetProperty("value").GetSingle());
                continue;
            }

            var classes = reference.ClassLabels!;
            Assert.Equal(classes[expected.Labels![i]], prediction.GetProperty("label").GetString());
            for (var c = 0; c < classes.Count; c++)
            {
                Close(expected.Probabilities![i * classes.Count + c], prediction.GetProperty("probabilities").GetProperty(classes[c]).GetSingle());
            }
        }
    }

    public static async Task AssertOipAsync(HttpClient client, string name, TrainingResult reference, float[][] encoded, Serverless.Training.MlNet.ModelOutputs expected)
    {
        // OIP's JSON has no NaN, so rows with a missing cell are scored by records only.
        var complete = Enumerable.Range(0, encoded.Length).Where(i => !encoded[i].Any(float.IsNaN)).ToArray();
        Assert.True(complete.Length > encoded.Length / 2, $"{complete.Length} of {encoded.Length} sampled rows are complete");
        var width = reference.Schema.Features.Count;
        var data = complete.SelectMany(i => encoded[i]).ToArray();
        var body = new { inputs = new[] { new { name = "features", shape = new[] { complete.Length, width }, datatype = "FP32", data } } };
        var response = await client.PostAsJsonAsync($"/v2/models/{name}/infer", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var outputs = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("data"));
        if (reference.Task == ModelTask.Regression)
        {
            var values = outputs["value"].EnumerateArray().Select(v => v.GetSingle()).ToArray();
            for (var k = 0; k < complete.Length; k++)
            {
                Close(expected.Scores![complete[k]], values[k]);
            }

            return;
        }

        var classes = reference.ClassLabels!;
        var labels = outputs["label"].EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : l.GetInt64().ToString(CultureInfo.InvariantCulture)).ToArray();
        var probabilities = outputs["probabilities"].EnumerateArray().Select(p => p.GetSingle()).ToArray();
        for (var k = 0; k < complete.Length; k++)
        {
            var i = complete[k];
            Assert.Equal(classes[expected.Labels![i]], labels[k]);
            for (var c = 0; c < classes.Count; c++)
            {
                Close(expected.Probabilities![i * classes.Count + c], probabilities[k * classes.Count + c]);
            }
        }
    }

    /// <summary>Every <c>Rows / n</c>-th row of the spec's file: as records of its cells (null when missing) and encoded.</summary>
    public static async Task<(List<Dictionary<string, string?>> Records, float[][] Encoded)> SampleAsync(TrainingSpec spec, string directory, FeatureSchema schema)
    {
        var data = await TrainingDataLoader.LoadAsync(spec.Data, directory, null, new TrainingOptions(), default);
        var table = await TabularReader.ReadAsync(data, spec.Data, new TrainingOptions(), default);
        var step = Math.Max(1, table.Rows.Count / Rows);
        var rows = table.Rows.Where((_, i) => i % step == 0).Take(Rows).ToList();
        var columns = schema.Features.Select(f => table.IndexOf(f.Name)).ToArray();
        var records = rows.Select(r => schema.Features.Select((f, k) => (f.Name, r.Cells[columns[k]])).ToDictionary(p => p.Name, p => p.Item2)).ToList();
        var subset = new TabularData(table.Header, rows, table.Source);
        return (records, EncodedDataset.Encode(subset, new FeatureEncoder(schema), -1, null, out _).Features);
    }

    /// <summary>Within 1e-5 (relative above 1), as the parity tests require.</summary>
    public static void Close(float expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
