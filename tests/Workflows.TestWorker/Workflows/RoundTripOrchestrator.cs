using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Passes its input through an activity and back; sets it as custom status too.</summary>
public sealed class RoundTripOrchestrator : TaskOrchestrator<RoundTripPayload, RoundTripPayload>
{
    public override async Task<RoundTripPayload> RunAsync(TaskOrchestrationContext context, RoundTripPayload input)
    {
        context.SetCustomStatus(input);
        return await context.CallActivityAsync<RoundTripPayload>(nameof(EchoActivity), input);
    }
}
