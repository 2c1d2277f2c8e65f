using System.Text.Json;
using Serverless.Core.Serialization;

namespace Serverless.Durable.Replay;

/// <summary>A wait for an external event whose payload is <typeparamref name="T"/>.</summary>
internal sealed class EventWaiter<T> : IEventWaiter
{
    private readonly TaskCompletionSource<T> _source = new();

    public Task<T> Task => _source.Task;

    public bool TryDeliver(string? data)
    {
        if (_source.Task.IsCompleted)
        {
            return false;
        }

        try
        {
            return _source.TrySetResult(Deserialize(data));
        }
        catch (JsonException e)
        {
            return _source.TrySetException(e);
        }
    }

    public void Cancel(CancellationToken token) => _source.TrySetCanceled(token);

    public static T Deserialize(string? data) => data is null ? default! : JsonSerializer.Deserialize<T>(data, JsonDefaults.Options)!;
}
