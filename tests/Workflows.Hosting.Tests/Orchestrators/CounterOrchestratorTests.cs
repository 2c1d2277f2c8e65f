using Microsoft.DurableTask;
using Moq;
using Serverless.Workflows.TestWorker.Workflows;

namespace Serverless.Workflows.Hosting.Tests.Orchestrators;

/// <summary>Both branches of <see cref="CounterOrchestrator"/> on a strict mock: continue as new, or finish.</summary>
public class CounterOrchestratorTests
{
    [Fact]
    public async Task RunAsync_RoundsRemaining_ContinuesAsNewWithOneRoundLess()
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>()));
        context.Setup(c => c.ContinueAsNew(new CounterState(1, 3), true));

        await new CounterOrchestrator().RunAsync(context.Object, new CounterState(2, 2));

        context.Verify(c => c.ContinueAsNew(new CounterState(1, 3), true), Times.Once);
    }

    [Fact]
    public async Task RunAsync_NoRoundsRemaining_ReturnsTheCountWithoutContinuing()
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>()));

        var result = await new CounterOrchestrator().RunAsync(context.Object, new CounterState(0, 7));

        Assert.Equal(7, result);
    }
}
