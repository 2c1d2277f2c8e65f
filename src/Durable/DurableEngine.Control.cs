using Azure.Storage.Queues.Models;
using Serverless.Durable.History;
using Serverless.Durable.Storage;

namespace Serverless.Durable;

public sealed partial class DurableEngine
{
    // Queue visibility has whole-second granularity; shorter waits happen in memory while the message stays hidden,
    // so they must end well within the message's visibility timeout.
    private TimeSpan MaxBusyWait => _options.ControlVisibilityTimeout / 3 < TimeSpan.FromSeconds(2)
        ? _options.ControlVisibilityTimeout / 3
        : TimeSpan.FromSeconds(2);

    private async Task HandleControlMessageAsync(QueueMessage message, CancellationToken stopping)
    {
        var control = ControlMessage.Deserialize(message.MessageText);
        if (control.IsTimer)
        {
            var due = control.FireAt!.Value - DateTime.UtcNow;
            if (due > InMemoryTimerThreshold)
            {
                // Not due yet: the timer was longer than the queue's maximum delay. Re-arm it.
                await _hub.SendTimerAsync(control, CancellationToken.None);
                await _hub.Storage.Control.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                return;
            }

            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, stopping);
            }

            var fired = new HistoryEvent(HistoryEventType.TimerFired, DateTime.UtcNow)
            {
                TaskId = control.TimerId,
                FireAt = control.FireAt,
                ExecutionId = control.ExecutionId,
            };
            await _hub.History.AppendInboxAsync(control.InstanceId, fired, CancellationToken.None);
            control = new ControlMessage(control.InstanceId);
        }

        // Episodes are short and are not cancelled half-way: stopping only ends polling.
        var wait = TimeSpan.FromMilliseconds(20);
        var waited = TimeSpan.Zero;
        while (await RunEpisodeAsync(control.InstanceId, CancellationToken.None) == EpisodeOutcome.Busy)
        {
            Logs.InstanceBusy(_logger, control.InstanceId);
            if (waited >= MaxBusyWait || stopping.IsCancellationRequested)
            {
                // Retried in a second, as a plain wake-up: a fired timer's event is already in the inbox.
                await _hub.Storage.Control.UpdateMessageAsync(
                    message.MessageId, message.PopReceipt, control.Serialize(), TimeSpan.FromSeconds(1), CancellationToken.None);
                return;
            }

            await Task.Delay(wait, CancellationToken.None);
            waited += wait;
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }

        await _hub.Storage.Control.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
    }

    /// <summary>Timers due within this are waited for in memory; the message must stay hidden meanwhile.</summary>
    private TimeSpan InMemoryTimerThreshold => _options.ControlVisibilityTimeout / 2 < TimeSpan.FromSeconds(10)
        ? _options.ControlVisibilityTimeout / 2
        : TimeSpan.FromSeconds(10);
}
