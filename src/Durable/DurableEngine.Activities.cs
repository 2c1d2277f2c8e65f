using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Workflows;
using Serverless.Durable.History;
using Serverless.Durable.Engine;
using Serverless.Durable.Storage;

namespace Serverless.Durable;

public sealed partial class DurableEngine
{
    /// <summary>Runs an activity and delivers its result (or failure) to the instance's inbox.</summary>
    /// <remarks>
    /// At-least-once: the message is deleted only after the result is stored and the instance woken. If the process
    /// dies before the result is stored, the message reappears after <see cref="DurableEngineOptions.ActivityVisibilityTimeout"/>
    /// and the activity runs again; if it dies after, the redelivery finds the result and is dropped.
    /// </remarks>
    private async Task HandleActivityMessageAsync(QueueMessage message, CancellationToken stopping)
    {
        var activity = ActivityMessage.Deserialize(message.MessageText);
        if (message.DequeueCount > 1 && await IsAnsweredAsync(activity))
        {
            // A redelivery whose first run stored its result but died before deleting the message: do not repeat it.
            await _hub.Storage.WorkItems.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            return;
        }

        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var receipt = new MessageReceipt(message.MessageId, message.PopReceipt);
        // Never faults: a failed renewal only means the message may be redelivered, and the result below is still stored.
        var renewing = VisibilityRenewal.KeepInvisibleAsync(_hub.Storage.WorkItems, receipt, _options.ActivityVisibilityTimeout, _logger, renewal.Token);
        HistoryEvent completion;
        try
        {
            completion = await RunActivityAsync(activity, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: hand the message back at once rather than after its visibility timeout.
            await renewal.CancelAsync();
            await renewing;
            await _hub.Storage.WorkItems.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            return;
        }
        finally
        {
            await renewal.CancelAsync();
        }

        await renewing;
        await _hub.DeliverAsync(activity.InstanceId, completion, CancellationToken.None);
        await _hub.Storage.WorkItems.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, CancellationToken.None);
    }

    /// <summary>Whether the task's result is already stored (history or inbox), or its execution is gone.</summary>
    private async Task<bool> IsAnsweredAsync(ActivityMessage activity)
    {
        var snapshot = await _hub.History.LoadAsync(activity.InstanceId, CancellationToken.None);
        if (snapshot is null || snapshot.Sentinel.ExecutionId != activity.ExecutionId)
        {
            return true;
        }

        return snapshot.History.Any(e => e.IsTaskCompletion && e.TaskId == activity.TaskId)
            || snapshot.Inbox.Any(row => row.Event.IsTaskCompletion && row.Event.TaskId == activity.TaskId && row.Event.ExecutionId == activity.ExecutionId);
    }

    private async Task<HistoryEvent> RunActivityAsync(ActivityMessage activity, CancellationToken stopping)
    {
        try
        {
            if (!_registry.TryGetActivity(activity.Name, out var registered))
            {
                throw new InvalidOperationException($"Activity '{activity.Name}' is not registered with the engine.");
            }

            await using var scope = _services.CreateAsyncScope();
            var context = new WorkflowActivityContext(activity.Name, activity.InstanceId, scope.ServiceProvider, stopping);
            var output = await registered.RunAsync(context, activity.Input);
            return new HistoryEvent(HistoryEventType.TaskCompleted, DateTime.UtcNow)
            {
                TaskId = activity.TaskId,
                Data = output,
                ExecutionId = activity.ExecutionId,
            };
        }
        catch (Exception e) when (!(e is OperationCanceledException && stopping.IsCancellationRequested))
        {
            Logs.ActivityFailed(_logger, activity.Name, activity.InstanceId, activity.TaskId, e.Message);
            return new HistoryEvent(HistoryEventType.TaskFailed, DateTime.UtcNow)
            {
                TaskId = activity.TaskId,
                Failure = WorkflowFailureDetails.FromException(e),
                ExecutionId = activity.ExecutionId,
            };
        }
    }
}
