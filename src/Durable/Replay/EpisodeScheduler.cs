namespace Serverless.Durable.Replay;

/// <summary>
/// The single-threaded dispatcher an episode's orchestrator code runs on: continuations are queued here and run
/// only when the replayer drains the queue, between two history events.
/// </summary>
/// <remarks>
/// This is what makes replay deterministic: a task completion never runs orchestrator code on another thread or at
/// another moment, so <c>Task.WhenAny</c>/<c>WhenAll</c> observe completions exactly in history order. Inlining is
/// refused so that the stack stays flat and every continuation goes through the queue.
/// </remarks>
internal sealed class EpisodeScheduler : TaskScheduler
{
    private readonly Queue<Task> _ready = new();

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs queued continuations (and those they queue) until none is left.</summary>
    public void RunUntilIdle()
    {
        while (true)
        {
            Task next;
            lock (_ready)
            {
                if (!_ready.TryDequeue(out next!))
                {
                    return;
                }
            }

            TryExecuteTask(next);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_ready)
        {
            _ready.Enqueue(task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_ready)
        {
            return _ready.ToArray();
        }
    }
}
