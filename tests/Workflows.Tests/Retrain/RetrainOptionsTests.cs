using Serverless.Core.Validation;
using Serverless.Workflows.Retrain;

namespace Serverless.Workflows.Tests.Retrain;

public class RetrainOptionsTests
{
    [Fact]
    public void PolicyFor_ModelWithItsOwnEntry_OverridesOnlyWhatItSets()
    {
        var gates = new ValidationPolicy { Tolerance = 0.05 };
        var options = new RetrainOptions
        {
            Approvers = "ops@example.org",
            RequiredApprovals = 1,
            ApprovalTimeout = TimeSpan.FromHours(72),
            Models = { ["churn"] = new RetrainModelPolicy { Approvers = "alice@example.org; bob@example.org", RequiredApprovals = 2, Validation = gates } },
        };

        var churn = options.PolicyFor("churn");
        var other = options.PolicyFor("taxi");

        Assert.Equal(["alice@example.org", "bob@example.org"], churn.Approvers);
        Assert.Equal((2, TimeSpan.FromHours(72)), (churn.RequiredApprovals, churn.ApprovalTimeout));
        Assert.Same(gates, churn.Validation);
        Assert.Equal(["ops@example.org"], other.Approvers);
        Assert.Equal((1, (ValidationPolicy?)null), (other.RequiredApprovals, other.Validation));
    }

    [Fact]
    public void Scheduled_CommaSeparatedWithRepeatsAndBlanks_EachModelOnceInOrder() =>
        Assert.Equal(["churn", "taxi"], new RetrainOptions { ScheduledModels = " churn, taxi,,churn " }.Scheduled());
}
