using System.Globalization;

namespace Serverless.Core.Models;

/// <summary>
/// Which versions of one model serve traffic, and how. One blob per model (<c>models/{name}/deployment.json</c>),
/// changed only under an ETag condition (<see cref="IModelRegistry.UpdateDeploymentAsync"/>) so concurrent writers never
/// lose an update; scoring instances cache it for at most <c>Scoring:DeploymentRefreshInterval</c>.
/// </summary>
/// <remarks>
/// Every property added after the first release has a default, so a blob written before it reads as a single-version
/// deployment. Instances are immutable; <see cref="DeploymentTransitions"/> builds the next state.
/// </remarks>
public sealed record DeploymentState
{
    /// <summary>How many changes <see cref="History"/> keeps; the audit table keeps them all.</summary>
    public const int HistoryLength = 20;

    public required string Model { get; init; }

    /// <summary>The version that answers requests that name no version (variant A, blue).</summary>
    public int? Champion { get; init; }

    /// <summary>The last version promoted after passing its checks; rollback and failover return here.</summary>
    public int? LastKnownGood { get; init; }

    public DeploymentMode Mode { get; init; } = DeploymentMode.Single;

    /// <summary>The version under trial (canary, green, variant B, shadow); null in <see cref="DeploymentMode.Single"/>.</summary>
    public int? Challenger { get; init; }

    /// <summary>
    /// Percent (0-100) of unversioned requests the challenger answers (canary, blue-green, A/B), or, in shadow mode, the
    /// percent of requests copied to it. The champion has the rest.
    /// </summary>
    public int ChallengerWeight { get; init; }

    /// <summary>
    /// The record field whose value keeps a caller on one version (sticky routing); the <c>x-routing-key</c> header
    /// wins over it. Null: only the header makes a request sticky; otherwise random by weight.
    /// </summary>
    public string? RoutingKeyField { get; init; }

    /// <summary>The rollout orchestration driving this state, if any (rollback signals it).</summary>
    public string? RolloutInstanceId { get; init; }

    /// <summary>
    /// How far the model's record predictions are trusted as decisions (<see cref="AutomationLevel"/>); scoring reads it
    /// with the routing, so a change reaches every instance within the refresh interval.
    /// </summary>
    public ModelAutomation Automation { get; init; } = ModelAutomation.Full;

    /// <summary>Versions refused because they failed to load or verify; never routed to.</summary>
    public IReadOnlyList<RefusedVersion> Refused { get; init; } = [];

    /// <summary>The latest <see cref="HistoryLength"/> changes, newest last.</summary>
    public IReadOnlyList<DeploymentChange> History { get; init; } = [];

    public required DateTimeOffset UpdatedAt { get; init; }

    public required string UpdatedBy { get; init; }

    /// <summary>True when <paramref name="version"/> is in <see cref="Refused"/>.</summary>
    public bool IsRefused(int version)
    {
        foreach (var refused in Refused)
        {
            if (refused.Version == version)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A one-line summary of the routing, for history and logs: <c>canary champion=2 challenger=3 weight=25</c>, with
    /// <c> automation=partial(0.8)</c> appended below full automation.
    /// </summary>
    public string Describe()
    {
        var routing = Challenger is int challenger && Mode != DeploymentMode.Single
            ? string.Create(CultureInfo.InvariantCulture, $"{ModeName(Mode)} champion={Champion} challenger={challenger} weight={ChallengerWeight}")
            : string.Create(CultureInfo.InvariantCulture, $"single champion={Champion}");
        return Automation.Level == AutomationLevel.Full ? routing : $"{routing} automation={Automation.Describe()}";
    }

    /// <summary>The mode as it is written in JSON (<c>blue-green</c>, <c>ab</c>, ...).</summary>
    public static string ModeName(DeploymentMode mode) => mode switch
    {
        DeploymentMode.BlueGreen => "blue-green",
        DeploymentMode.AB => "ab",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
