using Microsoft.Extensions.Logging;

namespace Serverless.Core.Workflows;

/// <summary>
/// What an orchestrator may do: the subset of Durable Task's <c>TaskOrchestrationContext</c> our workflows use,
/// with the same names and semantics. In Azure it is backed by Durable Functions; locally by the embedded engine.
/// </summary>
/// <remarks>
/// Orchestrator code is replayed from the start on every wake-up, with completed results fed from history, so it
/// must be deterministic: use only this context for time (<see cref="CurrentUtcDateTime"/>), ids
/// (<see cref="NewGuid"/>), waiting (<see cref="CreateTimer(DateTime, CancellationToken)"/>) and I/O (activities).
/// Never use <c>DateTime.UtcNow</c>, <c>Guid.NewGuid</c>, random, <c>Task.Delay</c>, <c>Task.Run</c> or
/// <c>ConfigureAwait(false)</c> in an orchestrator, and cancel with <c>CancellationTokenSource.Cancel()</c> rather than
/// <c>CancelAsync()</c> (which runs the cancellation on the thread pool). Inputs and outputs go through System.Text.Json with
/// <see cref="Serialization.JsonDefaults.Options"/>.
/// </remarks>
public interface IOrchestrationContext
{
    /// <summary>The id of this orchestration instance.</summary>
    string InstanceId { get; }

    /// <summary>
    /// The replay-safe current time: the time at which the current episode started, as recorded in history.
    /// </summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the orchestrator re-executes code whose effects are already in history.</summary>
    bool IsReplaying { get; }

    /// <summary>The input the instance was started (or continued as new) with.</summary>
    T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <remarks>
    /// Activities run at least once: an activity interrupted by a crash runs again, so make it idempotent.
    /// A failure surfaces as <see cref="WorkflowTaskFailedException"/>; with <paramref name="retry"/> the activity
    /// is retried first, with durable timers between attempts.
    /// </remarks>
    Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowRetryPolicy? retry = null);

    /// <summary>Schedules an activity that returns nothing.</summary>
    /// <inheritdoc cref="CallActivityAsync{T}(string, object?, WorkflowRetryPolicy?)" path="/remarks"/>
    Task CallActivityAsync(string name, object? input = null, WorkflowRetryPolicy? retry = null);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    /// <remarks>
    /// Without <paramref name="instanceId"/> the child's id is derived deterministically from the parent.
    /// A failed child surfaces as <see cref="WorkflowTaskFailedException"/>.
    /// </remarks>
    Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, string? instanceId = null);

    /// <summary>A durable timer: survives restarts; cancelling the token cancels the returned task.</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires <paramref name="delay"/> after <see cref="CurrentUtcDateTime"/>.</summary>
    Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Waits for an external event raised with <see cref="IWorkflowClient.RaiseEventAsync"/>.</summary>
    /// <remarks>Events raised before the orchestrator waits are buffered, not lost; events are delivered in order.</remarks>
    Task<T> WaitForExternalEvent<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event for at most <paramref name="timeout"/>.</summary>
    /// <remarks>
    /// On timeout the task is cancelled (<see cref="TaskCanceledException"/>), as in the isolated worker; it is
    /// not a <see cref="TimeoutException"/>. The timeout is a durable timer.
    /// </remarks>
    Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout);

    /// <summary>A deterministic GUID: the same value on every replay of this point of the orchestration.</summary>
    Guid NewGuid();

    /// <summary>Sets the custom status shown by <see cref="IWorkflowClient.GetStatusAsync"/>.</summary>
    void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the orchestration with new input and an empty history when the orchestrator returns.</summary>
    /// <remarks>With <paramref name="preserveUnprocessedEvents"/>, external events not yet consumed carry over.</remarks>
    void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that writes nothing while <see cref="IsReplaying"/> is true.</summary>
    ILogger CreateReplaySafeLogger(string categoryName);
}
