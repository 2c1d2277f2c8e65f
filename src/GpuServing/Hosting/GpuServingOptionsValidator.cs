using Microsoft.Extensions.Options;

namespace Serverless.GpuServing.Hosting;

/// <summary>Refuses <see cref="GpuServingOptions"/> that cannot work, naming the setting (runs at start-up).</summary>
internal sealed class GpuServingOptionsValidator : IValidateOptions<GpuServingOptions>
{
    public ValidateOptionsResult Validate(string? name, GpuServingOptions options)
    {
        var failures = new List<string>();
        if (options.ExecutionProvider is not (ExecutionProviders.Cpu or ExecutionProviders.Cuda))
        {
            failures.Add($"GpuServing:ExecutionProvider must be '{ExecutionProviders.Cpu}' or '{ExecutionProviders.Cuda}' (was '{options.ExecutionProvider}').");
        }

        Check(failures, options.CudaDeviceId is >= 0 and <= 64, $"GpuServing:CudaDeviceId must be between 0 and 64 (was {options.CudaDeviceId}).");
        Check(failures, options.IntraOpThreads is >= 0 and <= 256, $"GpuServing:IntraOpThreads must be between 0 and 256 (was {options.IntraOpThreads}).");
        Check(failures, options.RefreshInterval >= TimeSpan.FromMilliseconds(100), $"GpuServing:RefreshInterval must be at least 00:00:00.1 (was {options.RefreshInterval}).");
        Check(failures, options.IdleVersionTimeout >= TimeSpan.FromMilliseconds(100), $"GpuServing:IdleVersionTimeout must be at least 00:00:00.1 (was {options.IdleVersionTimeout}).");
        Check(failures, options.MaxRequestBytes is >= 1024 and <= 1024 * 1024 * 1024, $"GpuServing:MaxRequestBytes must be between 1024 and 1073741824 (was {options.MaxRequestBytes}).");
        Check(failures, options.MaxRecordsPerRequest is >= 1 and <= 1_000_000, $"GpuServing:MaxRecordsPerRequest must be between 1 and 1000000 (was {options.MaxRecordsPerRequest}).");
        var batching = options.Batching;
        Check(failures, batching.MaxBatchSize is >= 1 and <= 65536, $"GpuServing:Batching:MaxBatchSize must be between 1 and 65536 (was {batching.MaxBatchSize}).");
        Check(failures, batching.MaxQueueDelay >= TimeSpan.Zero && batching.MaxQueueDelay <= TimeSpan.FromSeconds(10), $"GpuServing:Batching:MaxQueueDelay must be between 00:00:00 and 00:00:10 (was {batching.MaxQueueDelay}).");
        Check(failures, batching.MaxQueuedRequests is >= 1 and <= 1_000_000, $"GpuServing:Batching:MaxQueuedRequests must be between 1 and 1000000 (was {batching.MaxQueuedRequests}).");
        Check(failures, batching.RetryAfterSeconds is >= 1 and <= 3600, $"GpuServing:Batching:RetryAfterSeconds must be between 1 and 3600 (was {batching.RetryAfterSeconds}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, bool ok, string message)
    {
        if (!ok)
        {
            failures.Add(message);
        }
    }
}
