using Microsoft.DurableTask.Client;

namespace Serverless.Workflows.Hosting.Tests;

/// <summary>Bounded waits on an instance, for tests.</summary>
internal static class ClientWaits
{
    public static async Task<OrchestrationMetadata> WaitAsync(this DurableTaskClient client, string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls until the instance's status satisfies <paramref name="condition"/>.</summary>
    public static async Task<OrchestrationMetadata> WaitUntilAsync(
        this DurableTaskClient client, string instanceId, Func<OrchestrationMetadata, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cts.Token) is { } metadata && condition(metadata))
            {
                return metadata;
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
