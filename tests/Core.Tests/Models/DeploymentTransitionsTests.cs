using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Serialization;

namespace Serverless.Core.Tests.Models;

public class DeploymentTransitionsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static DeploymentState Canary() => new()
    {
        Model = "churn", Champion = 2, LastKnownGood = 1, Mode = DeploymentMode.Canary, Challenger = 3, ChallengerWeight = 25,
        UpdatedAt = At, UpdatedBy = "t",
    };

    [Fact]
    public void Promote_Challenger_BecomesChampionAndPreviousChampionLastKnownGood()
    {
        var next = DeploymentTransitions.Promote(Canary(), 3, "ops", "healthy", At);

        Assert.Equal((3, 2, DeploymentMode.Single, (int?)null, 0), (next.Champion, next.LastKnownGood, next.Mode, next.Challenger, next.ChallengerWeight));
        var change = Assert.Single(next.History);
        Assert.Equal(("promote", "ops", "canary champion=2 challenger=3 weight=25", "single champion=3", "healthy"), (change.Action, change.By, change.From, change.To, change.Why));
    }

    [Fact]
    public void Refuse_Champion_MovesTrafficToLastKnownGood()
    {
        var next = DeploymentTransitions.Refuse(Canary(), 2, "SHA-256 mismatch", "scoring", At);

        Assert.Equal((1, DeploymentMode.Single, (int?)null, true), (next.Champion, next.Mode, next.Challenger, next.IsRefused(2)));
        Assert.Equal("refuse", next.History[^1].Action);
    }

    [Fact]
    public void Refuse_Challenger_EndsTheTrialAndKeepsTheChampion()
    {
        var next = DeploymentTransitions.Refuse(Canary(), 3, "does not load", "scoring", At);

        Assert.Equal((2, DeploymentMode.Single, (int?)null, 0, true), (next.Champion, next.Mode, next.Challenger, next.ChallengerWeight, next.IsRefused(3)));
    }

    [Fact]
    public void Refuse_AlreadyRefusedAndNotServing_ReturnsTheSameInstance()
    {
        var once = DeploymentTransitions.Refuse(Canary(), 3, "bad", "scoring", At);

        Assert.Same(once, DeploymentTransitions.Refuse(once, 3, "bad", "scoring", At));
    }

    [Fact]
    public void Record_ManyChanges_KeepsTheLatestHistoryLength()
    {
        var state = Canary();
        for (var i = 0; i < DeploymentState.HistoryLength + 7; i++)
        {
            state = DeploymentTransitions.Traffic(state, DeploymentMode.Canary, 3, i % 100, null, null, "t", $"step {i}", At);
        }

        Assert.Equal(DeploymentState.HistoryLength, state.History.Count);
        Assert.Equal($"step {DeploymentState.HistoryLength + 6}", state.History[^1].Why);
    }

    [Fact]
    public void Json_OldBlobWithoutNewFields_ReadsAsSingle_AndModesUseTheirWireNames()
    {
        var old = JsonSerializer.Deserialize<DeploymentState>("""{"model":"churn","champion":1,"lastKnownGood":1,"updatedAt":"2026-01-01T00:00:00Z","updatedBy":"x"}""", JsonDefaults.Options)!;
        var json = JsonSerializer.Serialize(Canary() with { Mode = DeploymentMode.BlueGreen }, JsonDefaults.Options);

        Assert.Equal((DeploymentMode.Single, 0, 0), (old.Mode, old.Refused.Count, old.History.Count));
        Assert.Contains("\"mode\":\"blue-green\"", json);
        Assert.Equal(DeploymentMode.AB, JsonSerializer.Deserialize<DeploymentMode>("\"ab\"", JsonDefaults.Options));
    }

    [Fact]
    public void Automate_Partial_KeepsRoutingAndRecordsTheLevel()
    {
        var next = DeploymentTransitions.Automate(Canary(), new ModelAutomation(AutomationLevel.Partial, 0.8), "ops", "pilot", At);

        Assert.Equal((2, DeploymentMode.Canary, 3, 25), (next.Champion, next.Mode, next.Challenger, next.ChallengerWeight));
        var change = Assert.Single(next.History);
        Assert.Equal(("automation", "canary champion=2 challenger=3 weight=25", "canary champion=2 challenger=3 weight=25 automation=partial(0.8)"),
            (change.Action, change.From, change.To));
    }

    [Fact]
    public void Automation_StateWrittenBeforeLevels_ReadsAsFullAndRoundTrips()
    {
        var old = JsonSerializer.Deserialize<DeploymentState>("""{ "model": "churn", "champion": 1, "updatedAt": "2026-12-01T00:00:00Z", "updatedBy": "t" }""", JsonDefaults.Options)!;
        var human = old with { Automation = new ModelAutomation(AutomationLevel.Human) };

        Assert.Equal(ModelAutomation.Full, old.Automation);
        var json = JsonSerializer.Serialize(human, JsonDefaults.Options);
        Assert.Contains("\"level\":\"human\"", json);
        Assert.Equal(human.Automation, JsonSerializer.Deserialize<DeploymentState>(json, JsonDefaults.Options)!.Automation);
    }
}
