using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>
/// Where one model's unversioned traffic goes, built from one deployment state with every routed session loaded,
/// verified and warm. Immutable: a refresh swaps the whole route, so a request sees one consistent split.
/// </summary>
internal sealed class ModelRoute
{
    private readonly RoutedModel _primary;
    private readonly RoutedModel _challenger;

    public ModelRoute(DeploymentState state, OnnxScoringModel primary, string primaryReason, OnnxScoringModel? challenger)
    {
        State = state;
        Primary = primary;
        Challenger = challenger;
        Weight = challenger is null ? 0 : state.ChallengerWeight;
        IsShadow = state.Mode == DeploymentMode.Shadow;
        _primary = new RoutedModel(primary, primaryReason, null, state.Automation);
        _challenger = new RoutedModel(challenger ?? primary, ChallengerReason(state.Mode), null, state.Automation);
    }

    /// <summary>The state this route was built from.</summary>
    public DeploymentState State { get; }

    /// <summary>The champion, or its last known good when the champion cannot be served.</summary>
    public OnnxScoringModel Primary { get; }

    /// <summary>The challenger's session when it takes a share (or a shadow copy) of traffic.</summary>
    public OnnxScoringModel? Challenger { get; }

    public int Weight { get; }

    public bool IsShadow { get; }

    /// <summary>Picks the version for one request: by the key's bucket when a key is given, else at random by weight.</summary>
    public RoutedModel Pick(string? routingKey)
    {
        if (Weight == 0)
        {
            return _primary;
        }

        var bucket = routingKey is null ? Random.Shared.Next(100) : RoutingKeys.Bucket(routingKey);
        if (IsShadow)
        {
            return bucket < Weight ? _primary with { Shadow = Challenger } : _primary;
        }

        return bucket < Weight ? _challenger : _primary;
    }

    /// <summary>True when this route serves exactly what <paramref name="state"/> asks for (no rebuild needed).</summary>
    public bool Serves(DeploymentState state) =>
        state.Champion == State.Champion && state.LastKnownGood == State.LastKnownGood && state.Mode == State.Mode
        && state.Challenger == State.Challenger && state.ChallengerWeight == State.ChallengerWeight
        && state.Refused.Count == State.Refused.Count && state.RoutingKeyField == State.RoutingKeyField
        && state.Automation == State.Automation;

    public static string PrimaryReason(DeploymentMode mode) => mode switch
    {
        DeploymentMode.BlueGreen => RouteReasons.Blue,
        DeploymentMode.AB => RouteReasons.VariantA,
        _ => RouteReasons.Champion,
    };

    private static string ChallengerReason(DeploymentMode mode) => mode switch
    {
        DeploymentMode.BlueGreen => RouteReasons.Green,
        DeploymentMode.AB => RouteReasons.VariantB,
        _ => RouteReasons.Canary,
    };
}
