using Serverless.GpuServing.Execution;
using Serverless.Testing;

namespace Serverless.GpuServing.Tests.Execution;

public class ExecutionProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Start_CudaOnCpuBuild_FailsWithClearMessage()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:ExecutionProvider", "cuda"));

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        var unavailable = Assert.IsType<ExecutionProviderUnavailableException>(error.GetBaseException());
        Assert.Contains("GpuServing:ExecutionProvider is 'cuda'", unavailable.Message);
        Assert.Contains("no CUDA provider", unavailable.Message);
        Assert.Contains("set GpuServing:ExecutionProvider to 'cpu'", unavailable.Message);
    }

    [Fact]
    public async Task Start_UnknownProvider_FailsNamingTheSetting()
    {
        await using var app = new TestGpuApp(azurite, TestGpuApp.NewContainer(), ("GpuServing:ExecutionProvider", "tpu"));

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("GpuServing:ExecutionProvider must be 'cpu' or 'cuda' (was 'tpu')", error.GetBaseException().Message);
    }
}
