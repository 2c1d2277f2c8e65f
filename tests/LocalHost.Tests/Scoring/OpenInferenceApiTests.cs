using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Tests.Scoring.TestModels;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Scoring;

public class OpenInferenceApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ServerEndpoints_Answer200()
    {
        using var host = new TestLocalHost(azurite);

        var server = await host.Client.GetFromJsonAsync<JsonElement>("/v2");
        var live = await host.Client.GetAsync("/v2/health/live");
        var ready = await host.Client.GetAsync("/v2/health/ready");

        Assert.Equal("serverless-ml", server.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, server.GetProperty("extensions").ValueKind);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task ModelMetadata_Xgb_DescribesTensorsFromTheOnnxFile()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb);

        var metadata = await host.Client.GetFromJsonAsync<JsonElement>("/v2/models/xgb");
        var versioned = await host.Client.GetFromJsonAsync<JsonElement>("/v2/models/xgb/versions/1");
        var ready = await host.Client.GetFromJsonAsync<JsonElement>("/v2/models/xgb/ready");

        Assert.Equal("xgb", metadata.GetProperty("name").GetString());
        Assert.Equal("1", metadata.GetProperty("versions")[0].GetString());
        Assert.Equal("onnxruntime_onnx", metadata.GetProperty("platform").GetString());
        var input = metadata.GetProperty("inputs")[0];
        Assert.Equal("X", input.GetProperty("name").GetString());
        Assert.Equal("FP32", input.GetProperty("datatype").GetString());
        Assert.Equal("[-1,4]", input.GetProperty("shape").GetRawText());
        Assert.Equal("variable", metadata.GetProperty("outputs")[0].GetProperty("name").GetString());
        Assert.Equal(metadata.GetRawText(), versioned.GetRawText());
        Assert.True(ready.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Infer_XgbFp32_MatchesDirectRunAndRefusesFp64()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("xgb", TestLocalHost.Xgb);
        float[] data = [1f, 2f, 3f, 0f, 0.5f, -1f, 10f, 1f];
        using var session = new InferenceSession(TestLocalHost.Xgb);
        using var input = OrtValue.CreateTensorValueFromMemory(data, [2, 4]);
        using var results = session.Run(new RunOptions(), ["X"], [input], ["variable"]);
        var expected = results[0].GetTensorDataAsSpan<float>().ToArray();

        var response = await host.Client.PostAsync("/v2/models/xgb/infer", TestLocalHost.Json(
            """{ "id": "q-7", "inputs": [ { "name": "X", "shape": [2, 4], "datatype": "FP32", "data": [[1, 2, 3, 0], [0.5, -1, 10, 1]] } ] }"""));
        var fp64 = await host.Client.PostAsync("/v2/models/xgb/infer", TestLocalHost.Json(
            """{ "inputs": [ { "name": "X", "shape": [1, 4], "datatype": "FP64", "data": [1, 2, 3, 0] } ] }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("xgb", body.GetProperty("model_name").GetString());
        Assert.Equal("1", body.GetProperty("model_version").GetString());
        Assert.Equal("q-7", body.GetProperty("id").GetString());
        var output = body.GetProperty("outputs")[0];
        Assert.Equal("FP32", output.GetProperty("datatype").GetString());
        Assert.Equal("[2,1]", output.GetProperty("shape").GetRawText());
        Assert.Equal(expected, output.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(HttpStatusCode.BadRequest, fp64.StatusCode);
        Assert.Contains("datatype FP64; model 'xgb' expects FP32", (await fp64.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Infer_InputsOfManyDatatypes_RoundTripWithOutputFilter()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("mixed", TestOnnxModels.Identity(
            ("f", TestOnnxModels.Float, [-1, 2]), ("d", TestOnnxModels.Double, [-1]), ("l", TestOnnxModels.Int64, [-1]),
            ("i", TestOnnxModels.Int32, [-1]), ("b", TestOnnxModels.Bool, [-1]), ("s", TestOnnxModels.String, [-1]),
            ("u8", TestOnnxModels.UInt8, [-1])));
        const string inputs = """
            "inputs": [
              { "name": "f", "shape": [1, 2], "datatype": "FP32", "data": [1.5, -2] },
              { "name": "d", "shape": [2], "datatype": "FP64", "data": [0.1, 1e300] },
              { "name": "l", "shape": [2], "datatype": "INT64", "data": [9007199254740993, -5] },
              { "name": "i", "shape": [1], "datatype": "INT32", "data": [-2147483648] },
              { "name": "b", "shape": [2], "datatype": "BOOL", "data": [true, false] },
              { "name": "s", "shape": [2], "datatype": "BYTES", "data": ["héllo", "wörld"] },
              { "name": "u8", "shape": [1], "datatype": "UINT8", "data": [255] }
            ]
            """;

        var all = await host.Client.PostAsync("/v2/models/mixed/versions/1/infer", TestLocalHost.Json("{" + inputs + "}"));
        var filtered = await host.Client.PostAsync("/v2/models/mixed/infer", TestLocalHost.Json("{" + inputs + """, "outputs": [ { "name": "s_out" }, { "name": "l_out" } ] }"""));

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var outputs = (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outputs");
        Assert.Equal(7, outputs.GetArrayLength());
        var byName = outputs.EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal("[1.5,-2]", byName["f_out"].GetProperty("data").GetRawText());
        Assert.Equal("[1,2]", byName["f_out"].GetProperty("shape").GetRawText());
        Assert.Equal("[0.1,1E+300]", byName["d_out"].GetProperty("data").GetRawText());
        Assert.Equal("FP64", byName["d_out"].GetProperty("datatype").GetString());
        Assert.Equal("[9007199254740993,-5]", byName["l_out"].GetProperty("data").GetRawText());
        Assert.Equal("[-2147483648]", byName["i_out"].GetProperty("data").GetRawText());
        Assert.Equal("[true,false]", byName["b_out"].GetProperty("data").GetRawText());
        Assert.Equal(["héllo", "wörld"], byName["s_out"].GetProperty("data").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("BYTES", byName["s_out"].GetProperty("datatype").GetString());
        Assert.Equal("[255]", byName["u8_out"].GetProperty("data").GetRawText());
        var filteredOutputs = (await filtered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outputs");
        Assert.Equal(["s_out", "l_out"], filteredOutputs.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Infer_ZipMapModel_ProbabilitiesAsFp32MatrixWithClassesAndMetadataSaysSo()
    {
        using var host = new TestLocalHost(azurite);
        await host.RegisterAsync("zip", TestOnnxModels.Classifier(zipMap: true));

        var response = await host.Client.PostAsync("/v2/models/zip/infer", TestLocalHost.Json(
            """{ "inputs": [ { "name": "features", "shape": [2, 2], "datatype": "FP32", "data": [0, 0, 1, 0] } ] }"""));
        var metadata = await host.Client.GetFromJsonAsync<JsonElement>("/v2/models/zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outputs = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        var probabilities = outputs["output_probability"];
        Assert.Equal("FP32", probabilities.GetProperty("datatype").GetString());
        Assert.Equal([2, 2], probabilities.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(["0", "1"], probabilities.GetProperty("parameters").GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        var data = probabilities.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(1f, data[0] + data[1], 5);
        var described = metadata.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "output_probability");
        Assert.Equal("FP32", described.GetProperty("datatype").GetString());
    }
}
