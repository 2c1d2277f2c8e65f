using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Scoring;

/// <summary>Models with one named input per feature, registered and scored by records over HTTP (Azurite registry, real ORT).</summary>
public class FeatureInputsApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Predict_OneInputPerFeatureWithManifest_RecordsEqualOip()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("pf", TestOnnxModels.PerFeatureRegressor(), """
            { "task": "regression", "features": { "inputName": "", "inputPerFeature": true, "features": [
              { "name": "a", "kind": "numeric" }, { "name": "b", "kind": "numeric", "required": true },
              { "name": "c", "kind": "categorical", "categories": ["low", "high"], "required": true } ] } }
            """);

        var records = await host.Client.PostAsync("/api/models/pf/predict", TestLocalHost.Json("""{ "records": [ { "a": 0.5, "b": 3, "c": "high" } ] }"""));
        var oip = await host.Client.PostAsync("/v2/models/pf/infer", TestLocalHost.Json("""
            { "inputs": [ { "name": "a", "shape": [1, 1], "datatype": "FP32", "data": [0.5] }, { "name": "b", "shape": [1, 1], "datatype": "INT64", "data": [3] },
              { "name": "c", "shape": [1, 1], "datatype": "BYTES", "data": ["high"] } ] }
            """));
        var fraction = await host.Client.PostAsync("/api/models/pf/predict", TestLocalHost.Json("""{ "records": [ { "a": 0.5, "b": 3.5, "c": "high" } ] }"""));

        Assert.True(records.StatusCode == HttpStatusCode.OK, await records.Content.ReadAsStringAsync());
        var value = (await records.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions")[0].GetProperty("value").GetSingle();
        Assert.Equal(203.5f, value);
        Assert.Equal(value, (await oip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outputs")[0].GetProperty("data")[0].GetSingle());
        Assert.Equal(HttpStatusCode.BadRequest, fraction.StatusCode);
        Assert.Contains("whole number", (await fraction.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Predict_NumericInputsWithoutManifest_FieldsAreTheInputNames()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("pfraw", TestOnnxModels.PerFeatureRegressor(text: false), """{ "task": "regression" }""");

        var response = await host.Client.PostAsync("/api/models/pfraw/predict", TestLocalHost.Json("""{ "records": [ { "a": 1.25, "b": 2 } ] }"""));
        var missing = await host.Client.PostAsync("/api/models/pfraw/predict", TestLocalHost.Json("""{ "records": [ { "a": 1.25 } ] }"""));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(3.25f, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions")[0].GetProperty("value").GetSingle());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("'b' is required", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Register_PerFeatureSchemaThatDoesNotFit_400SayingWhy()
    {
        using var host = new TestLocalHost(azurite);
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestOnnxModels.PerFeatureRegressor()), "model", "model.onnx" },
            { new StringContent("""{ "features": { "inputName": "", "inputPerFeature": true, "features": [ { "name": "a", "kind": "numeric" } ] } }"""), "manifest" },
        };

        var response = await host.Client.PostAsync("/api/models/bad/versions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("needs 1 inputs; it has 3", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
