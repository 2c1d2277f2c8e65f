using Microsoft.DurableTask;

namespace Serverless.Durable.Bench;

/// <summary>Five sequential activities and, when the input says so, one short durable timer.</summary>
/// <remarks>
/// The per-step measurement leaves the timer out: on Azurite a 200 ms timer's queue visibility rounds down to 0 s, so
/// it fires at once and would hide 200 ms of the engine's overhead.
/// </remarks>
internal sealed class StepsOrchestrator : TaskOrchestrator<bool, int>
{
    public const int Activities = 5;
    public static readonly TimeSpan Timer = TimeSpan.FromMilliseconds(200);

    public override async Task<int> RunAsync(TaskOrchestrationContext context, bool withTimer)
    {
        var n = 0;
        for (var i = 0; i < Activities; i++)
        {
            n = await context.CallActivityAsync<int>(nameof(WorkActivity), n);
        }

        if (withTimer)
        {
            await context.CreateTimer(context.CurrentUtcDateTime + Timer, CancellationToken.None);
        }

        return n;
    }
}
