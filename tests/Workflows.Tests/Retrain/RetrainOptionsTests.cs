using Serverless.Core.Approvals;
using Serverless.Core.Validation;
using Serverless.Workflows.Retrain;

namespace Serverless.Workflows.Tests.Retrain;

public class RetrainOptionsTests
{
    [Fact]
    public void PolicyFor_TakesTheModelsApprovalPolicyAndItsOwnGates()
    {
        var gates = new ValidationPolicy { Tolerance = 0.05 };
        var retrain = new RetrainOptions { Models = { ["churn"] = new RetrainModelPolicy { Validation = gates } } };
        var approvals = new ApprovalOptions { Models = { ["churn"] = new ApprovalPolicySettings { Approvers = "alice@example.org; bob@example.org", RequiredApprovals = 2 } } };

        var churn = retrain.PolicyFor("churn", approvals);
        var other = retrain.PolicyFor("taxi", approvals);

        Assert.Equal((2, TimeSpan.FromHours(72), "Approvals:Models:churn"), (churn.Approval.RequiredApprovals, churn.Approval.Timeout, churn.Approval.Source));
        Assert.Equal(["alice@example.org", "bob@example.org"], churn.Approval.Approvers);
        Assert.Same(gates, churn.Validation);
        Assert.Empty(other.Approval.Approvers);
        Assert.Null(other.Validation);
    }

    [Fact]
    public void Scheduled_CommaSeparatedWithRepeatsAndBlanks_EachModelOnceInOrder() =>
        Assert.Equal(["churn", "taxi"], new RetrainOptions { ScheduledModels = " churn, taxi,,churn " }.Scheduled());
}
