using System.Text.Json;
using Serverless.Core.Serialization;
using Serverless.Core.Workflows;
using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

/// <summary>A scheduled task whose result is <typeparamref name="T"/>, completed from history.</summary>
/// <remarks>
/// The completion source is created without <c>RunContinuationsAsynchronously</c>: continuations are queued on the
/// episode's scheduler because orchestrator code runs there, never on the thread pool.
/// </remarks>
internal sealed class PendingTask<T>(string name, int taskId) : IPendingTask
{
    private readonly TaskCompletionSource<T> _source = new();

    public Task<T> Task => _source.Task;

    public void Complete(HistoryEvent completion)
    {
        switch (completion.Type)
        {
            case HistoryEventType.TaskFailed or HistoryEventType.SubOrchestrationFailed:
                var failure = completion.Failure ?? new WorkflowFailureDetails("Unknown", "The task failed without details.");
                _source.TrySetException(new WorkflowTaskFailedException(name, taskId, failure));
                break;
            case HistoryEventType.TimerFired:
                _source.TrySetResult(default!);
                break;
            default:
                try
                {
                    _source.TrySetResult(completion.Data is null ? default! : JsonSerializer.Deserialize<T>(completion.Data, JsonDefaults.Options)!);
                }
                catch (JsonException e)
                {
                    _source.TrySetException(e);
                }

                break;
        }
    }

    /// <summary>Cancels a timer (its token was cancelled); a later TimerFired is then ignored.</summary>
    public void Cancel(CancellationToken token) => _source.TrySetCanceled(token);
}
