using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.Automation;
using Serverless.Core.Tests.Monitoring;

namespace Serverless.Core.Tests.Scoring.Automation;

public class ReviewDecisionsTests
{
    [Fact]
    public void NeedsReview_Partial_FlagsRowsBelowTheThresholdOnTheTopClass()
    {
        // Top class probabilities: 0.9 (class 1), 0.85 (class 0), 0.6, 0.8 exactly.
        var (_, predictions) = MonitoringTestData.Rows((0, 0, 0.9f), (0, 0, 0.15f), (0, 0, 0.6f), (0, 0, 0.8f));

        var review = ReviewDecisions.NeedsReview(new ModelAutomation(AutomationLevel.Partial, 0.8), predictions);

        Assert.NotNull(review);
        Assert.Equal([false, false, true, false], review);
        Assert.Equal(0.85f, ReviewDecisions.Confidence(predictions, 1)!.Value, 6);
    }

    [Fact]
    public void NeedsReview_PartialAllConfident_Null()
    {
        var (_, predictions) = MonitoringTestData.Rows((0, 0, 0.99f));

        Assert.Null(ReviewDecisions.NeedsReview(new ModelAutomation(AutomationLevel.Partial, 0.8), predictions));
    }

    [Fact]
    public void NeedsReview_PartialRegressionOrNaN_AlwaysFlagged()
    {
        var regression = new TabularPredictions(2, null, null, null, [1.5f, 2f]);
        var nan = new TabularPredictions(1, ["1"], [float.NaN, float.NaN], ["0", "1"], null);
        var partial = new ModelAutomation(AutomationLevel.Partial, 0.5);

        Assert.Equal([true, true], ReviewDecisions.NeedsReview(partial, regression)!);
        Assert.Equal([true], ReviewDecisions.NeedsReview(partial, nan)!);
        Assert.Null(ReviewDecisions.Confidence(regression, 0));
    }

    [Theory]
    [InlineData(AutomationLevel.Human, true)]
    [InlineData(AutomationLevel.Shadow, false)]
    [InlineData(AutomationLevel.Assist, false)]
    [InlineData(AutomationLevel.Full, false)]
    public void NeedsReview_OtherLevels_HumanReviewsEverything(AutomationLevel level, bool all)
    {
        var (_, predictions) = MonitoringTestData.Rows((0, 0, 0.99f), (0, 0, 0.01f));

        var review = ReviewDecisions.NeedsReview(new ModelAutomation(level), predictions);

        Assert.Equal(all ? [true, true] : null, review);
    }
}
