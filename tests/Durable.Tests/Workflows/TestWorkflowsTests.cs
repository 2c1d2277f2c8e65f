using Moq;
using Serverless.Core.Workflows;
using Serverless.Durable.TestWorker;

namespace Serverless.Durable.Tests.Workflows;

/// <summary>Orchestrators unit-tested against the port alone, with a strict mock and no engine.</summary>
public class TestWorkflowsTests
{
    [Fact]
    public async Task TimerSteps_WithMockContext_RunsStepTimerStepInOrder()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var context = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        var sequence = new MockSequence();
        context.Setup(c => c.GetInput<string>()).Returns("log");
        context.InSequence(sequence).Setup(c => c.CallActivityAsync<string>("Step", new StepInput("log", "one"), null)).ReturnsAsync("one");
        context.InSequence(sequence).Setup(c => c.SetCustomStatus("waiting"));
        context.InSequence(sequence).Setup(c => c.CurrentUtcDateTime).Returns(now);
        context.InSequence(sequence).Setup(c => c.CreateTimer(now + TestWorkflows.CrashTimerDelay, CancellationToken.None)).Returns(Task.CompletedTask);
        context.InSequence(sequence).Setup(c => c.SetCustomStatus("done"));
        context.InSequence(sequence).Setup(c => c.CallActivityAsync<string>("Step", new StepInput("log", "two"), null)).ReturnsAsync("two");

        var output = await TestWorkflows.TimerStepsAsync(context.Object);

        Assert.Equal("onetwo", output);
        context.VerifyAll();
    }
}
