using Microsoft.Extensions.Logging;
using Serverless.Core.Workflows;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Durable.Replay;
using Serverless.Durable.Storage;

namespace Serverless.Durable;

/// <summary><see cref="IWorkflowClient"/> over the embedded engine's task hub; needs no running engine itself.</summary>
/// <remarks>Thread-safe. Status reads are a projection updated after each episode, so they may lag history briefly.</remarks>
public sealed class DurableWorkflowClient(DurableEngineOptions options, ILogger<DurableWorkflowClient> logger) : IWorkflowClient
{
    private readonly TaskHub _hub = new(options);
    private int _created;

    public async Task<string> StartAsync(string name, object? input = null, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        instanceId ??= InstanceIds.New();
        InstanceIds.Validate(instanceId);
        await EnsureCreatedAsync(cancellationToken);
        if (!await _hub.TryCreateInstanceAsync(instanceId, name, ReplayOrchestrationContext.Serialize(input), null, cancellationToken))
        {
            throw new WorkflowInstanceExistsException(instanceId);
        }

        return instanceId;
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var sentinel = await _hub.History.GetSentinelAsync(instanceId, cancellationToken)
            ?? throw new WorkflowInstanceNotFoundException(instanceId);
        if (sentinel.Status is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated)
        {
            Logs.EventDiscarded(logger, eventName, instanceId, sentinel.Status);
            return;
        }

        // Not bound to an execution: an event that arrives during a ContinueAsNew goes to the next execution.
        await _hub.DeliverAsync(instanceId, new HistoryEvent(HistoryEventType.EventRaised, DateTime.UtcNow)
        {
            Name = eventName,
            Data = ReplayOrchestrationContext.Serialize(payload),
        }, cancellationToken);
    }

    /// <summary>The status row; the history when the row is missing, incomplete, or from an earlier execution.</summary>
    /// <remarks>
    /// A start writes the history, then the status row, then the wake-up. Interrupted after the first write it leaves
    /// no row (or, restarting a finished id, the finished execution's row); answering from the row alone would report
    /// an instance that a new start refuses as existing. Pending and running rows are trusted as they are (they lag
    /// history by at most one write); finished ones cost one more read, of the sentinel.
    /// </remarks>
    public async Task<WorkflowStatus?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var row = await _hub.Instances.GetAsync(instanceId, cancellationToken);
        if (row?.Status is { IsTerminal: false } live)
        {
            return live;
        }

        var sentinel = await _hub.History.GetSentinelAsync(instanceId, cancellationToken);
        if (sentinel is null || (row?.Status is not null && row.ExecutionId == sentinel.ExecutionId))
        {
            // No history (never started, or purged with the row still to delete), or a row that is current.
            return row?.Status;
        }

        var snapshot = await _hub.History.LoadAsync(instanceId, cancellationToken);
        return snapshot is null ? row?.Status : HistoryStatus.From(instanceId, snapshot);
    }

    public async Task<WorkflowStatus> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var status = await GetStatusAsync(instanceId, cancellationToken) ?? throw new WorkflowInstanceNotFoundException(instanceId);
            if (status.IsTerminal)
            {
                return status;
            }

            await Task.Delay(options.ClientPollingInterval, cancellationToken);
        }
    }

    public async Task TerminateAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        var sentinel = await _hub.History.GetSentinelAsync(instanceId, cancellationToken)
            ?? throw new WorkflowInstanceNotFoundException(instanceId);
        if (sentinel.Status is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated)
        {
            return;
        }

        await _hub.DeliverAsync(instanceId, new HistoryEvent(HistoryEventType.ExecutionTerminated, DateTime.UtcNow)
        {
            Data = ReplayOrchestrationContext.Serialize(output),
        }, cancellationToken);
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var status = await GetStatusAsync(instanceId, cancellationToken);
        if (status is not { IsTerminal: true })
        {
            return false;
        }

        await _hub.History.PurgeAsync(instanceId, cancellationToken);
        await _hub.Instances.DeleteAsync(instanceId, cancellationToken);
        return true;
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        // Once per client: a client may be used before any engine created the hub (tests, a separate process).
        if (Volatile.Read(ref _created) == 0)
        {
            await _hub.Storage.EnsureCreatedAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }
}
