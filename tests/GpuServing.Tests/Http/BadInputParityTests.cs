using System.Net;
using System.Text;
using Serverless.Api.Tests.Gpu;
using Serverless.Testing;

namespace Serverless.GpuServing.Tests.Http;

/// <summary>The GPU app and the function app's OIP handler, on one registry, answer every bad request alike.</summary>
public class BadInputParityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int MaxBytes = 65536;

    public static TheoryData<string, string, string> BadRequests()
    {
        var row = string.Join(',', Enumerable.Repeat("0.5", 256));
        return new TheoryData<string, string, string>
        {
            { "v2/models/mlp/infer", "text/plain", "{}" },
            { "v2/models/mlp/infer", "application/json", "" },
            { "v2/models/mlp/infer", "application/json", "not json" },
            { "v2/models/mlp/infer", "application/json", "{}" },
            { "v2/models/mlp/infer", "application/json", """{"inputs":[]}""" },
            { "v2/models/mlp/infer", "application/json", """{"inputs":[{"name":"input","datatype":"FP32","shape":[1,256],"data":[1]}],"foo":1}""" },
            { "v2/models/mlp/infer", "application/json", $$"""{"inputs":[{"name":"features","datatype":"FP32","shape":[1,256],"data":[{{row}}]}]}""" },
            { "v2/models/mlp/infer", "application/json", $$"""{"inputs":[{"name":"input","datatype":"INT64","shape":[1,256],"data":[{{string.Join(',', Enumerable.Repeat("1", 256))}}]}]}""" },
            { "v2/models/mlp/infer", "application/json", $$"""{"inputs":[{"name":"input","datatype":"FP32","shape":[2,128],"data":[{{row}}]}]}""" },
            { "v2/models/mlp/infer", "application/json", $$"""{"inputs":[{"name":"input","datatype":"FP32","shape":[256],"data":[{{row}}]}]}""" },
            { "v2/models/mlp/infer", "application/json", """{"inputs":[{"name":"input","datatype":"FP32","shape":[1,256],"data":[1,2,3]}]}""" },
            { "v2/models/mlp/infer", "application/json", """{"inputs":[{"name":"input","datatype":"FP16","shape":[1],"data":[1]}]}""" },
            { "v2/models/mlp/infer", "application/json", $$"""{"inputs":[{"name":"input","datatype":"FP32","shape":[1,256],"data":[{{row}}]}],"outputs":[{"name":"nope"}]}""" },
            { "v2/models/mlp/infer", "application/json", $$"""{"inputs":[{"name":"input","datatype":"FP32","shape":[1,256],"data":[{{row}}]},{"name":"input","datatype":"FP32","shape":[1,256],"data":[{{row}}]}]}""" },
            { "v2/models/mlp/infer", "application/json", "[" + new string(' ', MaxBytes) + "]" },
            { "v2/models/nothing/infer", "application/json", $$"""{"inputs":[{"name":"input","datatype":"FP32","shape":[1,256],"data":[{{row}}]}]}""" },
            { "v2/models/Bad_Name/infer", "application/json", """{"inputs":[{"name":"input","datatype":"FP32","shape":[1],"data":[1]}]}""" },
            { "v2/models/mlp/versions/x/infer", "application/json", """{"inputs":[{"name":"input","datatype":"FP32","shape":[1],"data":[1]}]}""" },
            { "v2/models/mlp/versions/9/infer", "application/json", $$"""{"inputs":[{"name":"input","datatype":"FP32","shape":[1,256],"data":[{{row}}]}]}""" },
        };
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Infer_BadRequest_SameStatusAndBodyAsFunctionApp(string path, string contentType, string body)
    {
        var container = TestGpuApp.NewContainer();
        await using var gpu = new TestGpuApp(azurite, container, ("GpuServing:MaxRequestBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))).Start();
        await gpu.RegisterMlpAsync("mlp", seed: 41);
        await using var functionApp = await FunctionAppOipHost.StartAsync(
            ("AzureWebJobsStorage", azurite.ConnectionString), ("Registry:Container", container),
            ("Scoring:MaxRequestBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var expected = await SendAsync(functionApp.Client, path, contentType, body);
        var actual = await SendAsync(gpu.Client, path, contentType, body);

        Assert.True(expected.Status >= HttpStatusCode.BadRequest && expected.Status < HttpStatusCode.InternalServerError, $"The function app answered {expected}.");
        Assert.Equal(expected, actual);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string path, string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await client.PostAsync("/" + path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
