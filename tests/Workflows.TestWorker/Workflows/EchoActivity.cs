using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Returns its input unchanged: a payload round trip through the engine and the data converter.</summary>
public sealed class EchoActivity : TaskActivity<RoundTripPayload, RoundTripPayload>
{
    public override Task<RoundTripPayload> RunAsync(TaskActivityContext context, RoundTripPayload input) => Task.FromResult(input);
}
