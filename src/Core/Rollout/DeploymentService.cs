using Microsoft.Extensions.Logging;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Core.Rollout;

/// <summary>
/// The deployment control plane: promote, rollback, traffic splits, refusals; every change an ETag-guarded write of the
/// model's deployment state, then an audit entry, a log line and, for what an operator must hear about, a notice.
/// </summary>
/// <remarks>
/// Thread-safe; safe under concurrent callers on many instances (the state blob's ETag serialises writers, and each
/// change is a pure function of the state it read, re-applied on conflict). Every method is idempotent: asking for the
/// state that already holds answers <see cref="DeploymentOutcomeKind.Unchanged"/> and writes nothing, so activities
/// retried by Durable Functions act once.
/// </remarks>
public sealed partial class DeploymentService(
    IModelRegistry registry, DeploymentAuditLog audit, IDeploymentNotifier notifier, TimeProvider time, ILogger<DeploymentService> logger)
    : IServingFailover
{
    /// <summary>
    /// Registers a version (<see cref="IModelRegistry.RegisterAsync"/>); a model's first version becomes its champion at
    /// once, and that first state is audited (action <c>register</c>) like every later change. Later versions reach
    /// traffic only through the control plane or a rollout.
    /// </summary>
    /// <exception cref="ModelValidationException">The model does not load or does not fit its manifest.</exception>
    public async Task<ModelManifest> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        var manifest = await registry.RegisterAsync(registration, cancellationToken);
        DeploymentChange? created = null;
        await registry.UpdateDeploymentAsync(manifest.Name, current =>
        {
            // Re-run on an ETag conflict: only the attempt that wrote decides whether this call created the state.
            created = null;
            if (current?.Champion is not null)
            {
                return current;
            }

            var first = DeploymentTransitions.FirstChampion(manifest, registration.CreatedBy, time.GetUtcNow());
            created = first.History[^1];
            return first;
        }, cancellationToken);

        if (created is not null)
        {
            await AuditAsync(manifest.Name, created, cancellationToken);
        }

        return manifest;
    }

    /// <summary><paramref name="version"/> becomes champion; the previous champion becomes the last known good; any trial ends.</summary>
    public async Task<DeploymentOutcome> PromoteAsync(string name, int version, string by, string why, CancellationToken cancellationToken = default)
    {
        if (await CheckVersionAsync(name, version, allowRefused: true, cancellationToken) is { } failure)
        {
            return failure;
        }

        return await ChangeAsync(name, current => current.Champion == version && current.Mode == DeploymentMode.Single && !current.IsRefused(version)
            ? (current, null)
            : (DeploymentTransitions.Promote(current, version, by, why, time.GetUtcNow()), null), notice: null, cancellationToken);
    }

    /// <summary>
    /// All traffic to <paramref name="version"/> (default: the last known good) at once, skipping any analysis. The
    /// version must exist and verify; a trial in progress ends.
    /// </summary>
    public async Task<DeploymentOutcome> RollbackAsync(
        string name, int? version, string by, string why, CancellationToken cancellationToken = default, string action = "rollback")
    {
        var state = await registry.GetDeploymentAsync(name, cancellationToken);
        if (state is null)
        {
            return DeploymentOutcome.NotFound($"Model '{name}' is not registered.");
        }

        if ((version ?? state.LastKnownGood) is not int target)
        {
            return DeploymentOutcome.Invalid($"Model '{name}' has no last known good version; name the version to roll back to.");
        }

        if (await CheckVersionAsync(name, target, allowRefused: false, cancellationToken) is { } failure)
        {
            return failure;
        }

        return await ChangeAsync(name, current => current.Champion == target && current.Mode == DeploymentMode.Single
            ? (current, null)
            : (DeploymentTransitions.Rollback(current, target, by, why, time.GetUtcNow(), action), null), notice: action, cancellationToken);
    }

    /// <summary>Sets mode, challenger and weights, validated: weights sum to 100 over champion and challenger, versions exist and verify.</summary>
    public async Task<DeploymentOutcome> SetTrafficAsync(string name, TrafficChange change, string by, string why, CancellationToken cancellationToken = default)
    {
        if (change.Mode != DeploymentMode.Single && change.Challenger is not int)
        {
            return DeploymentOutcome.Invalid($"Mode '{DeploymentState.ModeName(change.Mode)}' needs a challenger version.");
        }

        if (change.Challenger is int challenger && await CheckVersionAsync(name, challenger, allowRefused: false, cancellationToken) is { } failure)
        {
            return failure;
        }

        return await ChangeAsync(name, current =>
        {
            var (weight, error) = TrafficWeights.ChallengerWeight(current, change);
            if (error is not null)
            {
                return (current, error);
            }

            var field = change.RoutingKeyField ?? current.RoutingKeyField;
            var challenger = change.Mode == DeploymentMode.Single ? null : change.Challenger;
            return current.Mode == (challenger is null ? DeploymentMode.Single : change.Mode) && current.Challenger == challenger
                && current.ChallengerWeight == (challenger is null ? 0 : weight) && current.RoutingKeyField == field
                ? (current, null)
                : (DeploymentTransitions.Traffic(current, change.Mode, challenger, weight, field, current.RolloutInstanceId, by, why, time.GetUtcNow()), null);
        }, notice: null, cancellationToken);
    }

    /// <summary>
    /// For rollout activities: give <paramref name="challenger"/> <paramref name="weight"/> percent of traffic in
    /// <paramref name="mode"/> (default canary), recording <paramref name="rolloutInstanceId"/> as the driver so a rollback
    /// can signal it. ETag-safe and idempotent (the same call again is <see cref="DeploymentOutcomeKind.Unchanged"/>);
    /// <see cref="DeploymentOutcomeKind.Invalid"/> when the challenger is the champion, refused, or does not verify, or
    /// the weight is outside 0-100. Weight 0 keeps the challenger loaded but routes nothing to it; finish with
    /// <see cref="PromoteAsync"/> or <see cref="RollbackAsync"/>.
    /// </summary>
    public async Task<DeploymentOutcome> SetChallengerWeightAsync(
        string name, int challenger, int weight, string? rolloutInstanceId, string by, string why,
        DeploymentMode mode = DeploymentMode.Canary, CancellationToken cancellationToken = default)
    {
        if (weight is < 0 or > 100 || mode == DeploymentMode.Single)
        {
            return DeploymentOutcome.Invalid($"A challenger weight is 0-100 (was {weight}) in a mode other than single.");
        }

        if (await CheckVersionAsync(name, challenger, allowRefused: false, cancellationToken) is { } failure)
        {
            return failure;
        }

        return await ChangeAsync(name, current =>
        {
            if (current.Champion == challenger)
            {
                return (current, $"Version {challenger} is already the champion of '{name}'.");
            }

            return current.Mode == mode && current.Challenger == challenger && current.ChallengerWeight == weight && current.RolloutInstanceId == rolloutInstanceId
                ? (current, null)
                : (DeploymentTransitions.Traffic(current, mode, challenger, weight, current.RoutingKeyField, rolloutInstanceId, by, why, time.GetUtcNow()), null);
        }, notice: null, cancellationToken);
    }

    /// <summary>The model's audit log, newest first; <see cref="DeploymentOutcomeKind.NotFound"/> for an unknown model.</summary>
    public async Task<(DeploymentState? State, IReadOnlyList<DeploymentChange> Changes)> HistoryAsync(string name, int max, CancellationToken cancellationToken = default)
    {
        var state = await registry.GetDeploymentAsync(name, cancellationToken);
        return state is null ? (null, []) : (state, await audit.ReadAsync(name, max, cancellationToken));
    }

    /// <inheritdoc />
    public async Task VersionUnservableAsync(string model, int version, string reason, CancellationToken cancellationToken)
    {
        if (await registry.GetDeploymentAsync(model, cancellationToken) is null)
        {
            return;
        }

        await ChangeAsync(model, current => (DeploymentTransitions.Refuse(current, version, reason, "scoring", time.GetUtcNow()), null), notice: "refuse", cancellationToken);
    }
}
