using Microsoft.DurableTask;
using Moq;
using Serverless.Workflows.TestWorker.Workflows;

namespace Serverless.Workflows.Hosting.Tests.Orchestrators;

/// <summary>
/// Orchestrator branches against a strict mock of <see cref="TaskOrchestrationContext"/>, in the style of
/// durabletask-dotnet: every context call the orchestrator makes must be set up, so an unexpected call (a second
/// timer, an activity) fails the test. The pattern for every product orchestrator's unit tests.
/// </summary>
public class ApprovalOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task RunAsync_EventBeforeTimer_ReturnsTheDecisionAndCancelsTheTimer()
    {
        var timer = new TaskCompletionSource();
        CancellationToken timerToken = default;
        var context = Context(Task.FromResult("approved"), timer.Task, token => timerToken = token);

        var result = await new ApprovalOrchestrator().RunAsync(context.Object, 30);

        Assert.Equal("approved", result);
        Assert.True(timerToken.IsCancellationRequested);
        context.Verify(c => c.CreateTimer(Now.AddSeconds(30), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_TimerBeforeEvent_ReturnsTimeout()
    {
        var context = Context(new TaskCompletionSource<string>().Task, Task.CompletedTask, _ => { });

        var result = await new ApprovalOrchestrator().RunAsync(context.Object, 5);

        Assert.Equal("timeout", result);
        context.Verify(c => c.SetCustomStatus("awaiting approval"), Times.Once);
    }

    private static Mock<TaskOrchestrationContext> Context(Task<string> approval, Task timer, Action<CancellationToken> timerCreated)
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.WaitForExternalEvent<string>("Approval", It.IsAny<CancellationToken>())).Returns(approval);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((_, token) => timerCreated(token))
            .Returns(timer);
        context.Setup(c => c.SetCustomStatus("awaiting approval"));
        return context;
    }
}
