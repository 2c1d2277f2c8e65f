using Azure.Core;

namespace Serverless.Durable;

/// <summary>Settings of the embedded durable engine ("DurableEngine" section).</summary>
/// <remarks>
/// Defaults suit the local host. Tests shorten the lease and visibility timeouts so that recovery after a killed
/// process is quick; production-like values keep an episode's lease well above its run time.
/// </remarks>
public sealed class DurableEngineOptions
{
    public const string Section = "DurableEngine";

    /// <summary>Storage connection string (Azurite locally); when empty, the service URIs and credential are used.</summary>
    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public TokenCredential? Credential { get; set; }

    /// <summary>Prefix of the hub's tables and queues (letters and digits), as host.json's <c>hubName</c>.</summary>
    public string TaskHubName { get; set; } = "ServerlessHub";

    /// <summary>Identifies this worker in leases; unique per process by default.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>How long an episode holds an instance; after a crash, others wait at most this long.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A control message being processed stays invisible this long; a crashed worker's message reappears after it.</summary>
    public TimeSpan ControlVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activity message stays invisible this long, renewed while the activity runs.</summary>
    public TimeSpan ActivityVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest visibility delay used for a timer message (Azure Queues allow 7 days); longer timers are re-armed.</summary>
    public TimeSpan MaxTimerQueueDelay { get; set; } = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>Idle queues are polled with a delay that doubles up to this value.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often <c>WaitForCompletionAsync</c> reads the status.</summary>
    public TimeSpan ClientPollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Episodes run at once by this worker (they are short and I/O-bound).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 32;

    /// <summary>Activities run at once by this worker, as host.json's <c>maxConcurrentActivityFunctions</c>.</summary>
    public int MaxConcurrentActivities { get; set; } = 10;
}
