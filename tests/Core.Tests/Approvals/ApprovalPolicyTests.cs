using Microsoft.Extensions.Configuration;
using Serverless.Core.Approvals;

namespace Serverless.Core.Tests.Approvals;

/// <summary>One approval policy per model (<c>Approvals:Default</c>, <c>Approvals:Models:{model}</c>), read by retrain and rollout alike.</summary>
public class ApprovalPolicyTests
{
    private static ApprovalOptions Options() => new()
    {
        SigningKey = Convert.ToBase64String(new byte[32]),
        Default = new ApprovalPolicySettings { Approvers = "ops@example.org", RequiredApprovals = 1, Timeout = TimeSpan.FromHours(72), ApproveStart = false, ApproveSteps = "" },
    };

    [Fact]
    public void PolicyFor_ModelEntry_OverridesOnlyWhatItSets_OthersGetTheDefault()
    {
        var options = Options();
        options.Models["churn"] = new ApprovalPolicySettings { Approvers = "alice@example.org; bob@example.org,alice@example.org", RequiredApprovals = 2, ApproveSteps = "100, 25" };

        var churn = options.PolicyFor("churn");
        var taxi = options.PolicyFor("taxi");

        Assert.Equal(["alice@example.org", "bob@example.org"], churn.Approvers);
        Assert.Equal((2, TimeSpan.FromHours(72), false, "Approvals:Models:churn"), (churn.RequiredApprovals, churn.Timeout, churn.ApproveStart, churn.Source));
        Assert.Equal([25, 100], churn.ApproveSteps);
        Assert.Equal(["ops@example.org"], taxi.Approvers);
        Assert.Equal((1, "Approvals:Default"), (taxi.RequiredApprovals, taxi.Source));
        Assert.Empty(taxi.ApproveSteps);
    }

    [Theory]
    [InlineData(0, 25, true)]
    [InlineData(5, 25, true)]
    [InlineData(5, 30, true)] // a threshold between steps lands on the first step past it
    [InlineData(25, 50, false)]
    [InlineData(0, 100, true)] // blue-green's one switch reaches every threshold
    public void NeedsApproval_StepReachingAThreshold(int from, int to, bool needs) =>
        Assert.Equal(needs, new ApprovalPolicy(["a@example.org"], 1, TimeSpan.FromHours(1), false, [25], "test").NeedsApproval(from, to));

    [Fact]
    public void Validate_DefaultPolicy_Succeeds()
    {
        Assert.True(new ApprovalOptionsValidator().Validate(null, Options()).Succeeded);
    }

    [Theory]
    [InlineData("", 1, "", true, "Approvals:Models:churn:Approvers: the policy asks for approvals")]
    [InlineData("a@example.org", 2, "", false, "Approvals:Models:churn:RequiredApprovals: must be 1-1")]
    [InlineData("a@example.org", 1, "25,x", false, "Approvals:Models:churn:ApproveSteps: '25,x' is not")]
    [InlineData("a@example.org", 1, "0", false, "ApproveSteps: '0' is not")]
    public void Validate_ModelPolicyThatCannotWork_FailsNamingTheSetting(string approvers, int required, string steps, bool start, string expected)
    {
        var options = Options();
        options.Models["churn"] = new ApprovalPolicySettings { Approvers = approvers, RequiredApprovals = required, ApproveSteps = steps, ApproveStart = start };

        var result = new ApprovalOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ObsoleteKeys_SetWithAValue_RefuseStartNamingTheReplacement()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retrain:Approvers"] = "ops@example.org",
            ["Rollout:Plans:churn:ApproveSteps"] = "25",
            ["Rollout:Plans:churn:Steps"] = "5,100",
            ["Rollout:Canary:Approvers"] = "", // empty: nothing lost
        }).Build();

        var result = new ObsoleteApprovalSettingsValidator(configuration).Validate(null, Options());

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Retrain:Approvers is no longer read", StringComparison.Ordinal) && f.Contains("set Approvals:Default:Approvers", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Rollout:Plans:churn:ApproveSteps", StringComparison.Ordinal) && f.Contains("set Approvals:Models:churn:ApproveSteps", StringComparison.Ordinal));
    }
}
