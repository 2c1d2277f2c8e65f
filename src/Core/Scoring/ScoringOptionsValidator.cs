using Microsoft.Extensions.Options;

namespace Serverless.Core.Scoring;

/// <summary>Refuses <see cref="ScoringOptions"/> that cannot work, naming the setting (runs at start-up).</summary>
public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRecordsPerRequest is < 1 or > 1_000_000)
        {
            failures.Add($"Scoring:MaxRecordsPerRequest must be between 1 and 1000000 (was {options.MaxRecordsPerRequest}).");
        }

        if (options.MaxRequestBytes is < 1024 or > 1024 * 1024 * 1024)
        {
            failures.Add($"Scoring:MaxRequestBytes must be between 1024 and 1073741824 (was {options.MaxRequestBytes}).");
        }

        if (options.DeploymentRefreshInterval < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"Scoring:DeploymentRefreshInterval must be at least 00:00:00.1 (was {options.DeploymentRefreshInterval}).");
        }

        if (options.IdleSessionTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Scoring:IdleSessionTimeout must be at least 00:00:01 (was {options.IdleSessionTimeout}).");
        }

        if (options.IntraOpThreads is < 1 or > 256)
        {
            failures.Add($"Scoring:IntraOpThreads must be between 1 and 256 (was {options.IntraOpThreads}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
