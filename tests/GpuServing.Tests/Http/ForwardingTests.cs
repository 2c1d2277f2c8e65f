using System.Net;
using Serverless.Api.Gpu;
using Serverless.Api.Tests.Gpu;
using Serverless.Core.Models;
using Serverless.Testing;

namespace Serverless.GpuServing.Tests.Http;

/// <summary>The function app forwarding a <c>"serving": "gpu"</c> model to a running GPU app.</summary>
public class ForwardingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Infer_GpuModelThroughFunctionApp_SameAnswerAsTheGpuAppAndNamesWhereServed()
    {
        var container = TestGpuApp.NewContainer();
        await using var gpu = new TestGpuApp(azurite, container).Start();
        await gpu.RegisterMlpAsync("heavy", seed: 61, ModelServing.Gpu);
        await using var functionApp = await FunctionAppOipHost.StartAsync(
            ("AzureWebJobsStorage", azurite.ConnectionString), ("Registry:Container", container), ("GpuForwarding:BaseUrl", gpu.Client.BaseAddress!.ToString()));
        var good = TestGpuApp.MlpRequest(TestGpuApp.RandomRows(2, seed: 62), 2, id: "same");
        var bad = """{"inputs":[{"name":"features","datatype":"FP32","shape":[1,1],"data":[1]}]}""";

        foreach (var body in new[] { good, bad })
        {
            var direct = await gpu.Client.PostAsync("/v2/models/heavy/infer", TestGpuApp.Json(body));
            var forwarded = await functionApp.Client.PostAsync("/v2/models/heavy/infer", TestGpuApp.Json(body));

            Assert.Equal(direct.StatusCode, forwarded.StatusCode);
            Assert.Equal(await direct.Content.ReadAsStringAsync(), await forwarded.Content.ReadAsStringAsync());
            Assert.Equal("gpu", forwarded.Headers.GetValues(GpuForwarder.ServedByHeader).Single());
        }

        var ok = await functionApp.Client.PostAsync("/v2/models/heavy/versions/1/infer", TestGpuApp.Json(good));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Infer_CpuModelOverTheRowThreshold_CostRuleSendsItToTheGpuApp_SmallerOnesStay()
    {
        var container = TestGpuApp.NewContainer();
        await using var gpu = new TestGpuApp(azurite, container).Start();
        await gpu.RegisterMlpAsync("light", seed: 63, ModelServing.Cpu);
        await using var functionApp = await FunctionAppOipHost.StartAsync(
            ("AzureWebJobsStorage", azurite.ConnectionString), ("Registry:Container", container),
            ("GpuForwarding:BaseUrl", gpu.Client.BaseAddress!.ToString()), ("GpuForwarding:MinRowsForGpu", "4"));
        var large = TestGpuApp.MlpRequest(TestGpuApp.RandomRows(4, seed: 64), 4, id: "large");
        var small = TestGpuApp.MlpRequest(TestGpuApp.RandomRows(3, seed: 65), 3, id: "small");

        var forwarded = await functionApp.Client.PostAsync("/v2/models/light/infer", TestGpuApp.Json(large));
        var direct = await gpu.Client.PostAsync("/v2/models/light/infer", TestGpuApp.Json(large));
        var local = await functionApp.Client.PostAsync("/v2/models/light/infer", TestGpuApp.Json(small));

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal("gpu", forwarded.Headers.GetValues(GpuForwarder.ServedByHeader).Single());
        Assert.Equal(await direct.Content.ReadAsStringAsync(), await forwarded.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("function", local.Headers.GetValues(GpuForwarder.ServedByHeader).Single());
    }

    [Fact]
    public async Task Infer_GpuAppWithAKey_RefusesCallersWithoutIt_FunctionAppSendsIt_ProbesStayOpen()
    {
        var container = TestGpuApp.NewContainer();
        await using var gpu = new TestGpuApp(azurite, container, ("GpuServing:Key", "gpu-key-0123456789abcdef")).Start();
        await gpu.RegisterMlpAsync("heavy", seed: 66, ModelServing.Gpu);
        var body = TestGpuApp.MlpRequest(TestGpuApp.RandomRows(1, seed: 67), 1);
        await using var keyed = await FunctionAppOipHost.StartAsync(("AzureWebJobsStorage", azurite.ConnectionString), ("Registry:Container", container),
            ("GpuForwarding:BaseUrl", gpu.Client.BaseAddress!.ToString()), ("GpuForwarding:Key", "gpu-key-0123456789abcdef"));
        await using var wrongKey = await FunctionAppOipHost.StartAsync(("AzureWebJobsStorage", azurite.ConnectionString), ("Registry:Container", container),
            ("GpuForwarding:BaseUrl", gpu.Client.BaseAddress!.ToString()), ("GpuForwarding:Key", "not-the-key-0123456789"));

        var direct = await gpu.Client.PostAsync("/v2/models/heavy/infer", TestGpuApp.Json(body));
        var viaKeyed = await keyed.Client.PostAsync("/v2/models/heavy/infer", TestGpuApp.Json(body));
        var viaWrong = await wrongKey.Client.PostAsync("/v2/models/heavy/infer", TestGpuApp.Json(body));

        Assert.Equal(HttpStatusCode.Unauthorized, direct.StatusCode);
        Assert.Contains(GpuForwarder.KeyHeader, await direct.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, viaKeyed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, viaWrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gpu.Client.GetAsync("/v2/health/live")).StatusCode);
    }
}
