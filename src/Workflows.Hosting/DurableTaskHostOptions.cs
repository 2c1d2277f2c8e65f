using Azure.Core;

namespace Serverless.Workflows.Hosting;

/// <summary>Settings of the Durable Task Framework worker and client outside Functions ("DurableTask" section).</summary>
/// <remarks>
/// Defaults make a local host responsive: DTFx's Azure Storage backend polls idle queues up to every 30 s and holds
/// partition leases for 30 s, so a restarted host would sit idle that long. Here idle queues are polled at most
/// every 100 ms, and a host killed with SIGKILL has its partitions taken over after <see cref="LeaseInterval"/>
/// and its in-flight messages redelivered after the visibility timeouts. Azure uses host.json's durableTask section.
/// </remarks>
public sealed class DurableTaskHostOptions
{
    public const string Section = "DurableTask";

    /// <summary>The setting host.json's <c>hubName</c> refers to (<c>%DurableTaskHubName%</c>); it wins over <see cref="TaskHubName"/>.</summary>
    public const string HubNameSetting = "DurableTaskHubName";

    /// <summary>Storage connection string (Azurite locally); when empty, the service URIs and credential are used.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    public TokenCredential? Credential { get; set; }

    /// <summary>Task hub name: 3-45 letters and digits, starting with a letter (it prefixes tables, queues and containers).</summary>
    public string TaskHubName { get; set; } = "serverlessml";

    /// <summary>Control-queue partitions (1-16, fixed for the life of a task hub); more lets more hosts share the load.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest wait between polls of an idle queue (the backend backs off up to this).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a partition lease lasts without renewal: a killed host's partitions move after this.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A dequeued control message (orchestration work) reappears after this if its host dies.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A dequeued activity message reappears after this if its host dies (renewed while the activity runs).</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Orchestration episodes run at once by this host (host.json's <c>maxConcurrentOrchestratorFunctions</c>).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 32;

    /// <summary>Activities run at once by this host (host.json's <c>maxConcurrentActivityFunctions</c>).</summary>
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>Identifies this host in leases; unique per process so two processes on one machine never share leases.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// Whether hosts take the backend's app lease (blob <c>{hub}-applease</c>) before processing, as Durable Functions
    /// does so that two apps (say, deployment slots) never share a task hub. Off locally: there is one app, and with the
    /// lease on, a host that fails its first attempt (storage not up yet) waits the lease's acquire interval before
    /// trying again. When on, that interval is <see cref="AppLeaseAcquireInterval"/> (the backend's default is 5 min).
    /// </summary>
    public bool UseAppLease { get; set; }

    public TimeSpan AppLeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the client polls an instance's status while waiting for it to start or finish.</summary>
    public TimeSpan ClientPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
