using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Core.Workflows;

namespace Serverless.Functions.Workflows;

/// <summary>
/// <see cref="IOrchestrationContext"/> over Durable Functions' <see cref="TaskOrchestrationContext"/>: each member
/// forwards to the member of the same name. Orchestrator functions wrap their context in it and call the workflow.
/// </summary>
/// <remarks>
/// Durable Task's <see cref="TaskFailedException"/> is translated to <see cref="WorkflowTaskFailedException"/>, so
/// workflows catch one type on both engines. The translating helpers only await durable tasks, which is allowed in
/// an orchestrator. Without an explicit id, a sub-orchestration's id is Durable Task's default (a replay-safe GUID),
/// not the embedded engine's <c>{parent}:{taskId}</c>; workflows must not depend on either form.
/// </remarks>
public sealed class DurableOrchestrationContext(TaskOrchestrationContext context) : IOrchestrationContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public T? GetInput<T>() => context.GetInput<T>();

    public Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowRetryPolicy? retry = null) =>
        Translate(context.CallActivityAsync<T>(name, input, Options(retry)));

    public Task CallActivityAsync(string name, object? input = null, WorkflowRetryPolicy? retry = null) =>
        Translate(context.CallActivityAsync(name, input, Options(retry)));

    public Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, string? instanceId = null) =>
        Translate(context.CallSubOrchestratorAsync<T>(name, input, instanceId is null ? null : new SubOrchestrationOptions { InstanceId = instanceId }));

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => context.CreateTimer(fireAt, cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => context.CreateTimer(delay, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string name, CancellationToken cancellationToken = default) =>
        context.WaitForExternalEvent<T>(name, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout) => context.WaitForExternalEvent<T>(name, timeout);

    public Guid NewGuid() => context.NewGuid();

    public void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);

    public void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        context.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public ILogger CreateReplaySafeLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);

    private static TaskOptions? Options(WorkflowRetryPolicy? retry) => retry is null
        ? null
        : TaskOptions.FromRetryPolicy(new RetryPolicy(
            retry.MaxNumberOfAttempts, retry.FirstRetryInterval, retry.BackoffCoefficient, retry.MaxRetryInterval, retry.RetryTimeout));

    private static async Task<T> Translate<T>(Task<T> task)
    {
        try
        {
            return await task;
        }
        catch (TaskFailedException e)
        {
            throw new WorkflowTaskFailedException(e.TaskName, e.TaskId, DurableFailureDetails.ToWorkflow(e.FailureDetails));
        }
    }

    private static async Task Translate(Task task)
    {
        try
        {
            await task;
        }
        catch (TaskFailedException e)
        {
            throw new WorkflowTaskFailedException(e.TaskName, e.TaskId, DurableFailureDetails.ToWorkflow(e.FailureDetails));
        }
    }
}
