using Serverless.Core.Models;
using Serverless.Core.Rollout;

namespace Serverless.Core.Tests.Rollout;

public class TrafficWeightsTests
{
    private static readonly DeploymentState Current = new() { Model = "churn", Champion = 2, LastKnownGood = 1, UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "t" };

    [Theory]
    [InlineData(DeploymentMode.Canary, 75, 25, 25)]
    [InlineData(DeploymentMode.AB, 50, 50, 50)]
    [InlineData(DeploymentMode.BlueGreen, 0, 100, 100)]
    public void ChallengerWeight_SumTo100_ChallengersShare(DeploymentMode mode, int champion, int challenger, int expected) =>
        Assert.Equal((expected, (string?)null), TrafficWeights.ChallengerWeight(Current, new TrafficChange(mode, 3, new Dictionary<int, int> { [2] = champion, [3] = challenger })));

    [Theory]
    [InlineData(70, 20, "sum to 100")]
    [InlineData(110, -10, "0-100")]
    public void ChallengerWeight_BadNumbers_Refused(int champion, int challenger, string expected) =>
        Assert.Contains(expected, TrafficWeights.ChallengerWeight(Current, new TrafficChange(DeploymentMode.Canary, 3, new Dictionary<int, int> { [2] = champion, [3] = challenger })).Error);

    [Fact]
    public void ChallengerWeight_OtherVersionOrChampionAsChallenger_Refused()
    {
        Assert.Contains("neither", TrafficWeights.ChallengerWeight(Current, new TrafficChange(DeploymentMode.Canary, 3, new Dictionary<int, int> { [2] = 50, [5] = 50 })).Error);
        Assert.Contains("is the champion", TrafficWeights.ChallengerWeight(Current, new TrafficChange(DeploymentMode.Canary, 2, new Dictionary<int, int> { [2] = 100 })).Error);
    }

    [Fact]
    public void ChallengerWeight_Shadow_DefaultsToFullSamplingAndKeepsTheChampionAt100()
    {
        Assert.Equal((100, (string?)null), TrafficWeights.ChallengerWeight(Current, new TrafficChange(DeploymentMode.Shadow, 3, new Dictionary<int, int>())));
        Assert.Equal((10, (string?)null), TrafficWeights.ChallengerWeight(Current, new TrafficChange(DeploymentMode.Shadow, 3, new Dictionary<int, int> { [2] = 100, [3] = 10 })));
        Assert.NotNull(TrafficWeights.ChallengerWeight(Current, new TrafficChange(DeploymentMode.Shadow, 3, new Dictionary<int, int> { [2] = 90, [3] = 10 })).Error);
    }

    [Fact]
    public void ChallengerWeight_SingleWithWeights_OnlyChampionAt100()
    {
        Assert.Null(TrafficWeights.ChallengerWeight(Current, new TrafficChange(DeploymentMode.Single, null, new Dictionary<int, int> { [2] = 100 })).Error);
        Assert.NotNull(TrafficWeights.ChallengerWeight(Current, new TrafficChange(DeploymentMode.Single, null, new Dictionary<int, int> { [2] = 50 })).Error);
    }
}
