namespace Serverless.GpuServing.Hosting;

/// <summary>The values of <see cref="GpuServingOptions.ExecutionProvider"/>.</summary>
public static class ExecutionProviders
{
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";
}
