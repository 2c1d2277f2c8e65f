using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Serverless.Workflows.Hosting;

/// <summary>
/// <see cref="DurableTaskClient"/> over DTFx's Azure Storage client, so application code in the local host uses the
/// same client type Durable Functions injects with <c>[DurableClient]</c>.
/// </summary>
/// <remarks>
/// Payloads (inputs, events, outputs, custom status) go through one <see cref="DataConverter"/>, the one the
/// worker's shims use; DTFx's own Newtonsoft converter is never involved. Starting an id that is pending, running
/// or suspended throws <see cref="OrchestrationAlreadyExistsException"/> unless
/// <see cref="StartOrchestrationOptions.DedupeStatuses"/> says otherwise (host.json sets the same for Azure);
/// a finished id starts afresh. Thread-safe.
/// </remarks>
public sealed partial class LocalDurableTaskClient : DurableTaskClient
{
    private static readonly CoreStatus[] ActiveStatuses = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    private readonly LocalTaskHub _hub;
    private readonly DataConverter _converter;

    public LocalDurableTaskClient(LocalTaskHub hub, DataConverter converter)
        : base(hub.Options.TaskHubName)
    {
        _hub = hub;
        _converter = converter;
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name);
        await _hub.EnsureCreatedAsync(cancellation);
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? [];
        tags[OrchestrationTags.CreateTraceForNewOrchestration] = "true";
        tags[OrchestrationTags.RequestTime] = DateTimeOffset.UtcNow.ToString(CultureInfo.InvariantCulture);
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, _converter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = options?.Version?.ToString() ?? string.Empty,
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
                Tags = tags,
            },
        };

        await _hub.Service.CreateTaskOrchestrationAsync(message, DedupeStatuses(options));
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, _converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await _hub.EnsureCreatedAsync(cancellation);
        await _hub.Service.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output));
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CoreStatus[] DedupeStatuses(StartOrchestrationOptions? options)
    {
        if (options?.DedupeStatuses is not { Count: > 0 } statuses)
        {
            return ActiveStatuses;
        }

        return statuses.Select(s => Enum.TryParse<CoreStatus>(s, ignoreCase: true, out var status)
            ? status
            : throw new ArgumentException($"'{s}' is not an orchestration runtime status.", nameof(options))).ToArray();
    }

    private async Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await _hub.EnsureCreatedAsync(cancellation);
        await _hub.Service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });
    }
}
