using Microsoft.DurableTask;

namespace Serverless.Durable.Bench;

/// <summary>Five sequential activities and one short durable timer.</summary>
internal sealed class StepsOrchestrator : TaskOrchestrator<object?, int>
{
    public const int Activities = 5;
    public static readonly TimeSpan Timer = TimeSpan.FromMilliseconds(200);

    public override async Task<int> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var n = 0;
        for (var i = 0; i < Activities; i++)
        {
            n = await context.CallActivityAsync<int>(nameof(WorkActivity), n);
        }

        await context.CreateTimer(context.CurrentUtcDateTime + Timer, CancellationToken.None);
        return n;
    }
}
