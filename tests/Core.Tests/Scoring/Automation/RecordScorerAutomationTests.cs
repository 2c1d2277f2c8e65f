using System.Buffers;
using System.Text;
using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Monitoring;

namespace Serverless.Core.Tests.Scoring.Automation;

/// <summary>The response shape of each automation level, and what the observer is told to queue.</summary>
public class RecordScorerAutomationTests
{
    private const string Body = """{ "records": [ { "age": 70, "plan": "pro" }, { "age": 55, "plan": "basic" } ] }""";

    private sealed class CapturingObserver : IScoringObserver
    {
        public ScoringCall Call { get; private set; }

        public void RecordScored(ModelManifest manifest, string endpoint, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions,
            in ScoringTimings timings, in ScoringCall call = default) => Call = call;

        public void RecordFailed(ModelManifest? manifest, string endpoint, string errorKind, in ScoringTimings timings, string? feature = null)
        {
        }
    }

    private static (JsonElement Body, ScoringCall Observed) Score(ModelAutomation? automation)
    {
        var observer = new CapturingObserver();
        var output = new ArrayBufferWriter<byte>();
        Assert.True(new RecordScorer(10, observer).TryScore(
            new LinearTestModel(), Encoding.UTF8.GetBytes(Body), new ScoringCall("r", "champion", Automation: automation), output, out var error), error);
        return (JsonDocument.Parse(output.WrittenMemory).RootElement.Clone(), observer.Call);
    }

    [Fact]
    public void TryScore_FullOrNoLevel_UsualShapeNothingQueued()
    {
        var (plain, _) = Score(null);
        var (full, observed) = Score(ModelAutomation.Full);

        Assert.Equal(plain.GetRawText(), full.GetRawText());
        Assert.False(full.TryGetProperty("automation", out _));
        Assert.Equal(["label", "probabilities"], full.GetProperty("predictions")[0].EnumerateObject().Select(p => p.Name));
        Assert.Null(observed.Review);
    }

    [Fact]
    public void TryScore_Partial_ConfidenceAndNeedsReviewBelowThreshold()
    {
        // P(1): 0.9 (confident), 0.55 (below 0.8).
        var (body, observed) = Score(new ModelAutomation(AutomationLevel.Partial, 0.8));

        Assert.Equal("partial", body.GetProperty("automation").GetString());
        Assert.Equal(0.8, body.GetProperty("reviewThreshold").GetDouble());
        var rows = body.GetProperty("predictions");
        Assert.Equal((false, true), (rows[0].GetProperty("needs_review").GetBoolean(), rows[1].GetProperty("needs_review").GetBoolean()));
        Assert.Equal(0.9, rows[0].GetProperty("confidence").GetDouble(), 5);
        Assert.Equal("1", rows[1].GetProperty("label").GetString());
        Assert.Equal([false, true], observed.Review!);
    }

    [Fact]
    public void TryScore_Assist_ExplanationPerPrediction()
    {
        var (body, observed) = Score(new ModelAutomation(AutomationLevel.Assist));

        Assert.Equal("assist", body.GetProperty("automation").GetString());
        var first = body.GetProperty("predictions")[0];
        Assert.Equal(0.9, first.GetProperty("confidence").GetDouble(), 5);
        var explanation = first.GetProperty("explanation");
        Assert.Equal(["age", "plan"], explanation.EnumerateArray().Select(e => e.GetProperty("feature").GetString()));
        Assert.Equal(("pro", "basic"), (explanation[1].GetProperty("value").GetString(), explanation[1].GetProperty("baseline").GetString()));
        Assert.Equal(0.2, explanation[0].GetProperty("contribution").GetDouble(), 5);
        Assert.False(first.TryGetProperty("needs_review", out _));
        Assert.Null(observed.Review);
    }

    [Theory]
    [InlineData(AutomationLevel.Human)]
    [InlineData(AutomationLevel.Shadow)]
    public void TryScore_HumanOrShadow_NoPredictionsReturned(AutomationLevel level)
    {
        var (body, observed) = Score(new ModelAutomation(level));

        Assert.Equal(ModelAutomation.Name(level), body.GetProperty("automation").GetString());
        Assert.False(body.TryGetProperty("predictions", out _));
        Assert.Equal(2, body.GetProperty("records").GetInt32());
        Assert.Equal(level == AutomationLevel.Human, body.TryGetProperty("needs_review", out _));
        Assert.Equal(level == AutomationLevel.Human ? [true, true] : null, observed.Review);
        Assert.Equal(level, observed.Automation!.Level);
    }
}
