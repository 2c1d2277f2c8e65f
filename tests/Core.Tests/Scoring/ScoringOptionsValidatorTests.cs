using Serverless.Core.Scoring;

namespace Serverless.Core.Tests.Scoring;

public class ScoringOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new ScoringOptionsValidator().Validate(null, new ScoringOptions()).Succeeded);
    }

    [Fact]
    public void Validate_Nonsense_NamesEverySetting()
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions
        {
            MaxRecordsPerRequest = 0, MaxRequestBytes = 10, DeploymentRefreshInterval = TimeSpan.Zero, IdleSessionTimeout = TimeSpan.Zero, IntraOpThreads = 0,
        });

        Assert.True(result.Failed);
        foreach (var setting in new[] { "MaxRecordsPerRequest", "MaxRequestBytes", "DeploymentRefreshInterval", "IdleSessionTimeout", "IntraOpThreads" })
        {
            Assert.Contains($"Scoring:{setting}", result.FailureMessage);
        }
    }
}
