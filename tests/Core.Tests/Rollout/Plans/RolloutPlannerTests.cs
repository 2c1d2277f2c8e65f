using Serverless.Core.Approvals;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Core.Rollout.Plans;

namespace Serverless.Core.Tests.Rollout.Plans;

public class RolloutPlannerTests
{
    [Fact]
    public void Resolve_NoPlanOfItsOwn_DefaultCanaryFiveToHundred()
    {
        var (plan, error) = RolloutPlanner.Resolve(new RolloutOptions(), ApprovalPolicy.None, "churn", null);

        Assert.Null(error);
        Assert.Equal(("canary", "Rollout:Canary", TimeSpan.FromMinutes(10), 2), (plan!.Name, plan.Source, plan.Bake, plan.MaxExtensions));
        Assert.Equal([5, 25, 50, 100], plan.Steps.Select(s => s.Weight));
        Assert.All(plan.Steps, s => Assert.Equal((DeploymentMode.Canary, true, false), (s.Mode, s.Bake, s.NeedsApproval)));
    }

    [Fact]
    public void Resolve_BlueGreenRequested_GreenAtZeroUnbakedThenAllTrafficBaked()
    {
        var (plan, _) = RolloutPlanner.Resolve(new RolloutOptions(), ApprovalPolicy.None, "churn", "blue-green");

        Assert.Equal(
            [new RolloutStep("blue-green", DeploymentMode.BlueGreen, 0, false, false), new RolloutStep("blue-green", DeploymentMode.BlueGreen, 100, true, false)],
            plan!.Steps);
    }

    [Fact]
    public void Resolve_ModelsOwnPlan_WinsAndEveryStrategyTakesTheModelsApprovals()
    {
        var options = new RolloutOptions();
        options.Plans["churn"] = new RolloutPlanSettings { Steps = "10,100", Bake = TimeSpan.FromSeconds(5) };
        var approvals = new ApprovalPolicy(["a@example.org"], 1, TimeSpan.FromHours(1), false, [100], "Approvals:Models:churn");

        var own = RolloutPlanner.Resolve(options, approvals, "churn", null).Plan!;
        var blueGreen = RolloutPlanner.Resolve(options, approvals, "churn", "blue-green").Plan!;
        var other = RolloutPlanner.Resolve(options, ApprovalPolicy.None, "iris", null).Plan!;

        Assert.Equal(("Rollout:Plans:churn", "10,100"), (own.Source, string.Join(",", own.Steps.Select(s => s.Weight))));
        Assert.Equal([false, true], own.Steps.Select(s => s.NeedsApproval));
        Assert.Equal("blue-green", blueGreen.Name);
        Assert.Equal(TimeSpan.FromMinutes(10), blueGreen.Bake);
        Assert.Equal([false, true], blueGreen.Steps.Select(s => s.NeedsApproval));
        Assert.Same(approvals, blueGreen.Approval);
        Assert.Equal("Rollout:Canary", other.Source);
    }

    [Fact]
    public void Resolve_ApprovalThresholdBetweenSteps_AsksBeforeTheFirstStepPastIt()
    {
        var approvals = new ApprovalPolicy(["a@example.org"], 1, TimeSpan.FromHours(1), false, [30], "test");

        var plan = RolloutPlanner.Resolve(new RolloutOptions(), approvals, "churn", null).Plan!;

        Assert.Equal([50], plan.Steps.Where(s => s.NeedsApproval).Select(s => s.Weight));
    }

    [Fact]
    public void Resolve_ShadowFirst_AddsABakedShadowStep()
    {
        var options = new RolloutOptions { Canary = new RolloutPlanSettings { Shadow = true, ShadowPercent = 50 } };

        var plan = RolloutPlanner.Resolve(options, ApprovalPolicy.None, "churn", null).Plan!;

        Assert.Equal(new RolloutStep("shadow", DeploymentMode.Shadow, 50, true, false), plan.Steps[0]);
        Assert.Equal(5, plan.Steps.Count);
    }

    [Theory]
    [InlineData("rainbow", null, "plan: 'rainbow' is not a plan")]
    [InlineData(null, "25,5,100", "Rollout:Canary:Steps")]
    [InlineData(null, "5,25,50", "must end at 100")]
    [InlineData(null, "5,x", "not a comma-separated list")]
    public void Resolve_BadPlanOrSteps_ErrorNamesTheField(string? name, string? steps, string expected)
    {
        var options = new RolloutOptions();
        if (steps is not null)
        {
            options.Canary.Steps = steps;
        }

        var (plan, error) = RolloutPlanner.Resolve(options, ApprovalPolicy.None, "churn", name);

        Assert.Null(plan);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadModelPlanAndThreshold_ListsBoth()
    {
        var options = new RolloutOptions();
        options.Plans["churn"] = new RolloutPlanSettings { Bake = TimeSpan.Zero };
        options.Health.MinRequests = 0;

        var result = new RolloutOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Rollout:Plans:churn:Bake", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MinRequests", StringComparison.Ordinal));
        Assert.True(new RolloutOptionsValidator().Validate(null, new RolloutOptions()).Succeeded);
    }
}
