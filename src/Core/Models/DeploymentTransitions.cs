namespace Serverless.Core.Models;

/// <summary>
/// The deployment state changes, as pure functions of the current state (safe to re-run when an ETag write retries).
/// Each returns a new state with the change appended to <see cref="DeploymentState.History"/>.
/// </summary>
public static class DeploymentTransitions
{
    /// <summary>
    /// <paramref name="version"/> becomes champion and the previous champion the last known good; any trial ends
    /// (single mode) and the version leaves the refused list (the caller verified it).
    /// </summary>
    public static DeploymentState Promote(DeploymentState current, int version, string by, string why, DateTimeOffset at) =>
        Record(current, current with
        {
            Champion = version,
            LastKnownGood = current.Champion is int previous && previous != version ? previous : current.LastKnownGood ?? version,
            Mode = DeploymentMode.Single,
            Challenger = null,
            ChallengerWeight = 0,
            Refused = [.. current.Refused.Where(r => r.Version != version)],
        }, "promote", by, why, at);

    /// <summary>All traffic to <paramref name="version"/> at once (single mode); the last known good stays as it is.</summary>
    public static DeploymentState Rollback(DeploymentState current, int version, string by, string why, DateTimeOffset at, string action = "rollback") =>
        Record(current, current with
        {
            Champion = version,
            Mode = DeploymentMode.Single,
            Challenger = null,
            ChallengerWeight = 0,
        }, action, by, why, at);

    /// <summary>Sets the split between champion and challenger (a null challenger or single mode means the champion alone).</summary>
    public static DeploymentState Traffic(
        DeploymentState current, DeploymentMode mode, int? challenger, int weight, string? routingKeyField, string? rolloutInstanceId,
        string by, string why, DateTimeOffset at)
    {
        var single = mode == DeploymentMode.Single || challenger is null;
        return Record(current, current with
        {
            Mode = single ? DeploymentMode.Single : mode,
            Challenger = single ? null : challenger,
            ChallengerWeight = single ? 0 : weight,
            RoutingKeyField = routingKeyField,
            RolloutInstanceId = rolloutInstanceId,
        }, "traffic", by, why, at);
    }

    /// <summary>Sets the automation level (routing unchanged).</summary>
    public static DeploymentState Automate(DeploymentState current, ModelAutomation automation, string by, string why, DateTimeOffset at) =>
        Record(current, current with { Automation = automation }, "automation", by, why, at);

    /// <summary>
    /// <paramref name="version"/> failed to load or verify: it is refused, and whatever traffic it had moves away at once
    /// (a refused champion is replaced by the last known good, a refused challenger's trial ends). Returns
    /// <paramref name="current"/> itself when the version is already refused and routes nothing (no write needed).
    /// </summary>
    public static DeploymentState Refuse(DeploymentState current, int version, string reason, string by, DateTimeOffset at)
    {
        var serving = current.Champion == version || current.Challenger == version;
        if (current.IsRefused(version) && !serving)
        {
            return current;
        }

        var next = current with
        {
            Refused = current.IsRefused(version) ? current.Refused : [.. current.Refused, new RefusedVersion(version, reason, at)],
        };
        if (current.Challenger == version)
        {
            next = next with { Mode = DeploymentMode.Single, Challenger = null, ChallengerWeight = 0 };
        }

        if (current.Champion == version && current.LastKnownGood is int good && good != version && !current.IsRefused(good))
        {
            next = next with { Champion = good, Mode = DeploymentMode.Single, Challenger = null, ChallengerWeight = 0 };
        }

        return Record(current, next, "refuse", by, $"version {version}: {reason}", at);
    }

    /// <summary>A model's first state: its first version is champion and last known good (history action <c>register</c>).</summary>
    public static DeploymentState FirstChampion(ModelManifest manifest, string by, DateTimeOffset at) =>
        Record(null, new DeploymentState
        {
            Model = manifest.Name,
            Champion = manifest.Version,
            LastKnownGood = manifest.Version,
            UpdatedAt = at,
            UpdatedBy = by,
        }, "register", by, $"first version {manifest.Version} serves", at);

    /// <summary>Stamps <paramref name="next"/> with who and when, and appends the change to its bounded history.</summary>
    public static DeploymentState Record(DeploymentState? before, DeploymentState next, string action, string by, string why, DateTimeOffset at)
    {
        var change = new DeploymentChange(at, by, action, before?.Describe() ?? "none", next.Describe(), why);
        var history = next.History.Count >= DeploymentState.HistoryLength ? next.History.Skip(next.History.Count - DeploymentState.HistoryLength + 1) : next.History;
        return next with { History = [.. history, change], UpdatedAt = at, UpdatedBy = by };
    }
}
