using Microsoft.DurableTask;

namespace Serverless.Durable.Bench;

/// <summary>10 ms of simulated I/O.</summary>
internal sealed class WorkActivity : TaskActivity<int, int>
{
    public static readonly TimeSpan Work = TimeSpan.FromMilliseconds(10);

    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        await Task.Delay(Work);
        return input + 1;
    }
}
