using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Engine;

/// <summary>Keeps a received message invisible while its handler runs, so a long handler is not run twice.</summary>
internal static class VisibilityRenewal
{
    /// <summary>
    /// Extends the message's invisibility three times per <paramref name="visibilityTimeout"/> until
    /// <paramref name="cancellationToken"/> is cancelled. Never faults.
    /// </summary>
    /// <remarks>
    /// A renewal that fails (any exception: a 404 once the message is gone, or Azure.Core's AggregateException when
    /// every retry failed at transport level) is logged and ends the renewal. The message may then reappear and the
    /// handler run again, which at-least-once allows; what must not happen is that the failure surfaces in the
    /// handler and throws away a result it has already computed.
    /// </remarks>
    public static async Task KeepInvisibleAsync(
        QueueClient queue, MessageReceipt receipt, TimeSpan visibilityTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        // Three renewals per timeout, so one slow storage call does not let the message reappear.
        var period = visibilityTimeout / 3;
        try
        {
            while (true)
            {
                await Task.Delay(period, cancellationToken);
                var updated = await queue.UpdateMessageAsync(
                    receipt.MessageId, receipt.PopReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken);
                receipt.PopReceipt = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The handler finished.
        }
        catch (Exception e)
        {
            Logs.RenewalFailed(logger, queue.Name, receipt.MessageId, e);
        }
    }
}
