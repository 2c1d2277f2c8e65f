namespace Serverless.Core.Storage;

/// <summary>
/// Runs an initialization (creating containers, say) once and shares it with every caller; a failed or cancelled
/// attempt is not cached, so the next caller tries again (storage that was not up yet, a transient outage).
/// Thread-safe.
/// </summary>
public sealed class InitializeOnce(Func<Task> initialize)
{
    private readonly Lock _gate = new();
    private Task? _task;

    public Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                _task = initialize();
            }

            return _task.WaitAsync(cancellationToken);
        }
    }
}
