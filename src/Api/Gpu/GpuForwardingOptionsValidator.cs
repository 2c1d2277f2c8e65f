using Microsoft.Extensions.Options;

namespace Serverless.Api.Gpu;

/// <summary>Refuses <see cref="GpuForwardingOptions"/> that cannot work, naming the setting (runs at start-up).</summary>
internal sealed class GpuForwardingOptionsValidator : IValidateOptions<GpuForwardingOptions>
{
    public ValidateOptionsResult Validate(string? name, GpuForwardingOptions options)
    {
        var failures = new List<string>();
        if (options.IsEnabled() && !(Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            failures.Add($"GpuForwarding:BaseUrl must be an absolute http(s) URL or empty (was '{options.BaseUrl}').");
        }

        Check(failures, options.AttemptTimeout >= TimeSpan.FromMilliseconds(10) && options.AttemptTimeout <= options.Timeout,
            $"GpuForwarding:AttemptTimeout must be at least 00:00:00.01 and at most GpuForwarding:Timeout (was {options.AttemptTimeout}, Timeout {options.Timeout}).");
        Check(failures, options.MinRowsForGpu >= 0, $"GpuForwarding:MinRowsForGpu must be 0 (off) or a row count (was {options.MinRowsForGpu}).");
        Check(failures, options.MaxRetries is >= 0 and <= 10, $"GpuForwarding:MaxRetries must be between 0 and 10 (was {options.MaxRetries}).");
        Check(failures, options.FailureRatio is > 0 and <= 1, $"GpuForwarding:FailureRatio must be above 0 and at most 1 (was {options.FailureRatio}).");
        Check(failures, options.MinimumThroughput >= 2, $"GpuForwarding:MinimumThroughput must be at least 2 (was {options.MinimumThroughput}).");
        Check(failures, options.SamplingDuration >= TimeSpan.FromMilliseconds(500), $"GpuForwarding:SamplingDuration must be at least 00:00:00.5 (was {options.SamplingDuration}).");
        Check(failures, options.BreakDuration >= TimeSpan.FromMilliseconds(500), $"GpuForwarding:BreakDuration must be at least 00:00:00.5 (was {options.BreakDuration}).");
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
