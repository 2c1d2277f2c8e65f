using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Scoring;

public class ScoringApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static float[] DirectRun(float[] rows, int count)
    {
        using var session = new InferenceSession(TestLocalHost.Xgb);
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [count, 4]);
        using var results = session.Run(new RunOptions(), ["X"], [input], ["variable"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    [Fact]
    public async Task Predict_XgbRecords_MatchesDirectOrtRun()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, $$"""{ "features": {{TestLocalHost.XgbSchema}} }""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/xgb/predict")
        {
            Content = TestLocalHost.Json("""{ "records": [ { "a": 1, "b": 2, "c": 3, "d": "high" }, { "a": -4.5, "b": "0.25", "c": null } ] }"""),
            Headers = { { "x-request-id", "abc-123" } },
        };

        var response = await host.Client.SendAsync(request);
        var versioned = await host.Client.PostAsync("/api/models/xgb/versions/1/predict", TestLocalHost.Json("""{ "records": [ { "a": 1, "b": 2, "c": 3, "d": "high" } ] }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc-123", response.Headers.GetValues("x-request-id").Single());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("abc-123", body.GetProperty("requestId").GetString());
        Assert.Equal("xgb", body.GetProperty("model").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        var expected = DirectRun([1f, 2f, 3f, 1f, -4.5f, 0.25f, float.NaN, float.NaN], 2);
        Assert.Equal(expected[0], body.GetProperty("predictions")[0].GetProperty("value").GetSingle());
        Assert.Equal(expected[1], body.GetProperty("predictions")[1].GetProperty("value").GetSingle());
        var versionedBody = await versioned.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expected[0], versionedBody.GetProperty("predictions")[0].GetProperty("value").GetSingle());
        Assert.False(string.IsNullOrEmpty(versionedBody.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task Predict_Classifier_ReturnsLabelAndProbabilitiesPerClass()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("churn", TestOnnxModels.Classifier(zipMap: true), """
            { "task": "classification", "classLabels": ["stay", "leave"],
              "features": { "inputName": "features", "features": [ {"name":"x0","kind":"numeric"}, {"name":"x1","kind":"numeric"} ] } }
            """);

        var response = await host.Client.PostAsync("/api/models/churn/predict", TestLocalHost.Json("""{ "records": [ { "x0": 0.1 }, { "x0": 2, "x1": 0 } ] }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predictions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions");
        Assert.Equal("stay", predictions[0].GetProperty("label").GetString());
        Assert.Equal(1f, predictions[0].GetProperty("probabilities").GetProperty("stay").GetSingle());
        Assert.Equal("leave", predictions[1].GetProperty("label").GetString());
        Assert.Equal(0.7f, predictions[1].GetProperty("probabilities").GetProperty("leave").GetSingle());
    }

    [Fact]
    public async Task Predict_MatrixModelWithoutManifest_DefaultSchemaF0ToF3EqualsOip()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("raw", TestLocalHost.Xgb);

        var records = await host.Client.PostAsync("/api/models/raw/predict", TestLocalHost.Json("""{ "records": [ { "f0": 1, "f1": 2, "f2": 3, "f3": 0.5 } ] }"""));
        var oip = await host.Client.PostAsync("/v2/models/raw/infer", TestLocalHost.Json(
            """{ "inputs": [ { "name": "X", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 0.5] } ] }"""));
        var unknown = await host.Client.PostAsync("/api/models/raw/predict", TestLocalHost.Json("""{ "records": [ { "a": 1 } ] }"""));

        Assert.Equal(HttpStatusCode.OK, records.StatusCode);
        var value = (await records.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions")[0].GetProperty("value").GetSingle();
        var expected = (await oip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outputs")[0].GetProperty("data")[0].GetSingle();
        Assert.Equal(expected, value);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("records[0].a is not a feature of model raw", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Predict_ModelWithoutSchemaOrMatrixInput_Answers400PointingToInfer()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("raw", TestOnnxModels.Identity(("a", TestOnnxModels.Float, [-1]), ("b", TestOnnxModels.String, [-1])));

        var response = await host.Client.PostAsync("/api/models/raw/predict", TestLocalHost.Json("""{ "records": [ { "a": 1 } ] }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/v2/models/raw/versions/1/infer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Predict_TamperedArtifact_VersionRefusedWhileChampionServes()
    {
        // No deployment refresh during the test: a refresh re-verifies the loaded champion's artifact and would refuse it
        // too (TrafficRoutingTests cover that); this test is about a version loaded on demand and the session in memory.
        using var host = new TestLocalHost(azurite, ("Scoring:DeploymentRefreshInterval", "01:00:00"));
        var manifest = $$"""{ "features": {{TestLocalHost.XgbSchema}} }""";
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, manifest);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb, manifest);
        var good = TestLocalHost.Json("""{ "records": [ { "a": 1 } ] }""");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/api/models/xgb/predict", good)).StatusCode);

        var tampered = (byte[])TestLocalHost.Xgb.Clone();
        tampered[^1] ^= 0x5A;
        await host.TamperAsync("xgb", 2, tampered);
        await host.TamperAsync("xgb", 1, tampered);

        var refused = await host.Client.PostAsync("/api/models/xgb/versions/2/predict", TestLocalHost.Json("""{ "records": [ { "a": 1 } ] }"""));
        var inferRefused = await host.Client.PostAsync("/v2/models/xgb/versions/2/infer",
            TestLocalHost.Json("""{ "inputs": [ { "name": "X", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4] } ] }"""));
        var ready = await host.Client.GetAsync("/v2/models/xgb/versions/2/ready");
        var champion = await host.Client.PostAsync("/api/models/xgb/predict", TestLocalHost.Json("""{ "records": [ { "a": 1 } ] }"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains("version 2 failed verification", error);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, inferRefused.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, champion.StatusCode);
        Assert.Equal(1, (await champion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Contains("failed verification", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var server = await host.Client.GetFromJsonAsync<JsonElement>("/v2/health/ready");
        Assert.Contains("version 2", Assert.Single(server.GetProperty("unservable").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Predict_SeededTrainedChurnModel_ReturnsClassProbabilities()
    {
        using var host = new TestLocalHost(azurite, ("LocalHost:SeedSampleModel", "true"));
        const string record = """
            { "tenure_months": 3, "monthly_charges": 89.5, "total_charges": 268.5, "support_calls": 4, "age": 29,
              "contract": "month-to-month", "payment_method": "electronic-check", "internet_service": "fiber", "paperless_billing": "yes" }
            """;

        var response = await host.Client.PostAsync("/api/models/churn/predict", TestLocalHost.Json($$"""{ "records": [ {{record}}, { "age": 50 } ] }"""));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var manifest = await host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/versions/1");
        var classes = manifest.GetProperty("classLabels").EnumerateArray().Select(c => c.GetString()).ToList();
        foreach (var prediction in JsonDocument.Parse(text).RootElement.GetProperty("predictions").EnumerateArray())
        {
            Assert.Contains(prediction.GetProperty("label").GetString(), classes);
            var probabilities = prediction.GetProperty("probabilities").EnumerateObject().ToList();
            Assert.Equal(classes, probabilities.Select(p => p.Name));
            Assert.Equal(1.0, probabilities.Sum(p => p.Value.GetDouble()), 3);
        }
    }
}
