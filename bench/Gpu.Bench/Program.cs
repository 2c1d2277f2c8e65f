using System.Globalization;
using Serverless.Gpu.Bench;

// dotnet Serverless.Gpu.Bench.dll [--provider cpu|cuda] [--seconds 5] [--concurrency 1,8,64] [--max-batch 64] [--delay-ms 5] [--widths 256,1024,1024,10]
var settings = BenchSettings.Parse(args);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"MLP {string.Join("-", settings.Widths)}, provider {settings.Provider}, {Environment.ProcessorCount} cores, {settings.Seconds} s per run, maxBatchSize {settings.MaxBatchSize}, maxQueueDelay {settings.MaxQueueDelayMs} ms"));
try
{
    return await BatchingBench.RunAsync(settings);
}
catch (Serverless.GpuServing.Execution.ExecutionProviderUnavailableException e)
{
    Console.WriteLine("Provider could not load: " + e.Message);
    return 2;
}
