using OrchestrationQueryResult = DurableTask.Core.Query.OrchestrationQueryResult;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreState = DurableTask.Core.OrchestrationState;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using CorePurgeFilter = DurableTask.Core.PurgeInstanceFilter;

namespace Serverless.Workflows.Hosting;

/// <summary>Reading, waiting for and purging instances.</summary>
public sealed partial class LocalDurableTaskClient
{
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await _hub.EnsureCreatedAsync(cancellation);
        // The backend answers an unknown id with a list holding null.
        var states = await _hub.Service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault(s => s is not null) is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            await _hub.EnsureCreatedAsync(cancellation);
            var query = new DurableTask.Core.Query.OrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(ToCore).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            OrchestrationQueryResult result = await _hub.Service.GetOrchestrationWithQueryAsync(query, cancellation);
            var items = result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList();
            return new Page<OrchestrationMetadata>(items, result.ContinuationToken);
        });

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <remarks>Only a completed, failed or terminated instance is purged; an active one throws, as in Durable Functions.</remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (await GetInstancesAsync(instanceId, false, cancellation) is not { } metadata)
        {
            return new PurgeResult(0);
        }

        if (!metadata.IsCompleted)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {metadata.RuntimeStatus}; only a finished instance can be purged.");
        }

        var result = await ((DurableTask.Core.IOrchestrationServicePurgeClient)_hub.Service).PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _hub.EnsureCreatedAsync(cancellation);
        var coreFilter = new CorePurgeFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            // Without a status filter only finished instances go, so a purge never removes running work.
            (filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
                .Select(ToCore));
        var result = await ((DurableTask.Core.IOrchestrationServicePurgeClient)_hub.Service).PurgeInstanceStateAsync(coreFilter);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}'.");
            if (done(metadata))
            {
                return metadata;
            }

            await Task.Delay(_hub.Options.ClientPollingInterval, cancellation);
        }
    }

    private OrchestrationMetadata ToMetadata(CoreState state, bool getInputsAndOutputs)
    {
        var failed = state.OrchestrationStatus == CoreStatus.Failed;
        return new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? _converter : null,
            RuntimeStatus = (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            // A failed instance's output column holds its failure text, not JSON; it is reported as failure details.
            SerializedOutput = getInputsAndOutputs && !failed ? state.Output : null,
            SerializedCustomStatus = getInputsAndOutputs ? state.Status : null,
            FailureDetails = ToSdk(state.FailureDetails) ?? (failed ? FailureFromOutput(state.Output) : null),
        };
    }

    /// <summary>
    /// The Azure Storage backend stores a failure as <c>"{ErrorType}: {ErrorMessage}"</c> in the output column
    /// (the stack trace stays in the history table), which is what Durable Functions' status API shows too.
    /// </summary>
    private static TaskFailureDetails FailureFromOutput(string? output)
    {
        var text = output ?? "unknown failure";
        var separator = text.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0 && !text[..separator].Contains(' ', StringComparison.Ordinal)
            ? new TaskFailureDetails(text[..separator], text[(separator + 2)..], null, null, null)
            : new TaskFailureDetails("OrchestrationFailure", text, null, null, null);
    }

    // The SDK's and DTFx's status enums share their numeric values (Running = 0 ... Suspended = 7).
    private static CoreStatus ToCore(OrchestrationRuntimeStatus status) => (CoreStatus)(int)status;

    private static TaskFailureDetails? ToSdk(DurableTask.Core.FailureDetails? failure) => failure is null
        ? null
        : new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, ToSdk(failure.InnerFailure), null);
}
