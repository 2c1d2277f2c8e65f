using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Serverless.Durable.Storage;

/// <summary>
/// The tables and queues of one task hub: <c>{hub}History</c>, <c>{hub}Instances</c>, <c>{hub}-control</c>
/// (orchestrator wake-ups and timers) and <c>{hub}-workitems</c> (activity executions).
/// </summary>
/// <remarks>Several engines (processes) may share one task hub; the per-instance lease keeps episodes exclusive.</remarks>
internal sealed partial class TaskHubStorage
{
    private TaskHubStorage(string hubName, TableServiceClient tables, QueueServiceClient queues)
    {
        HubName = hubName;
        History = tables.GetTableClient(hubName + "History");
        Instances = tables.GetTableClient(hubName + "Instances");
        Control = queues.GetQueueClient(hubName.ToLowerInvariant() + "-control");
        WorkItems = queues.GetQueueClient(hubName.ToLowerInvariant() + "-workitems");
    }

    public string HubName { get; }

    public TableClient History { get; }

    public TableClient Instances { get; }

    public QueueClient Control { get; }

    public QueueClient WorkItems { get; }

    public static TaskHubStorage Create(DurableEngineOptions options)
    {
        if (!HubNamePattern().IsMatch(options.TaskHubName))
        {
            throw new ArgumentException(
                $"Task hub name '{options.TaskHubName}' must be 3-45 letters or digits, starting with a letter.", nameof(options));
        }

        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            return new TaskHubStorage(options.TaskHubName, new TableServiceClient(connectionString), new QueueServiceClient(connectionString));
        }

        if (options.TableServiceUri is null || options.QueueServiceUri is null || options.Credential is null)
        {
            throw new ArgumentException("Set ConnectionString, or TableServiceUri, QueueServiceUri and Credential.", nameof(options));
        }

        return new TaskHubStorage(
            options.TaskHubName,
            new TableServiceClient(options.TableServiceUri, options.Credential),
            new QueueServiceClient(options.QueueServiceUri, options.Credential));
    }

    /// <summary>Creates the tables and queues if missing; idempotent.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            History.CreateIfNotExistsAsync(cancellationToken),
            Instances.CreateIfNotExistsAsync(cancellationToken),
            Control.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            WorkItems.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubNamePattern();
}
