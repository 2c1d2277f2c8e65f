using Serverless.Core.Models;

namespace Serverless.Core.Rollout;

public sealed partial class DeploymentService
{
    /// <summary>
    /// Applies <paramref name="change"/> under the state's ETag (re-run on conflict, so it must be pure). A change that
    /// returns the state it was given writes nothing; one that returns an error refuses with nothing written. After a
    /// write: the audit entry, a log line, and a notice when <paramref name="notice"/> names its kind.
    /// </summary>
    private async Task<DeploymentOutcome> ChangeAsync(
        string name, Func<DeploymentState, (DeploymentState Next, string? Error)> change, string? notice, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name) || await registry.GetDeploymentAsync(name, cancellationToken) is null)
        {
            return DeploymentOutcome.NotFound($"Model '{name}' is not registered.");
        }

        string? error = null;
        var changed = false;
        var state = await registry.UpdateDeploymentAsync(name, current =>
        {
            // Only the last attempt's verdict counts: it is the one whose write succeeded (or that wrote nothing).
            var (next, refusal) = change(current ?? throw new InvalidOperationException($"Deployment state of '{name}' disappeared."));
            error = refusal;
            changed = refusal is null && !ReferenceEquals(next, current);
            return changed ? next : current;
        }, cancellationToken);

        if (error is not null)
        {
            return new DeploymentOutcome(DeploymentOutcomeKind.Invalid, state, error);
        }

        if (!changed)
        {
            return new DeploymentOutcome(DeploymentOutcomeKind.Unchanged, state);
        }

        var entry = state.History[^1];
        await AuditAsync(name, entry, cancellationToken);

        if (notice is not null)
        {
            await notifier.NotifyAsync(new DeploymentNotice(name, notice, $"{entry.Why} ({entry.From} -> {entry.To}, by {entry.By}).", state), cancellationToken);
        }

        return new DeploymentOutcome(DeploymentOutcomeKind.Changed, state);
    }

    /// <summary>A written change's log line and audit entry; a failed audit write only logs (the state is what counts).</summary>
    private async Task AuditAsync(string name, DeploymentChange entry, CancellationToken cancellationToken)
    {
        logger.Changed(name, entry.Action, entry.By, entry.From, entry.To, entry.Why);
        try
        {
            await audit.AppendAsync(name, entry, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.AuditFailed(name, entry.Action, e);
        }
    }

    /// <summary>Null when the version exists, verifies against its SHA-256 and (unless allowed) is not refused; else why not.</summary>
    private async Task<DeploymentOutcome?> CheckVersionAsync(string name, int version, bool allowRefused, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name) || await registry.GetManifestAsync(name, version, cancellationToken) is not { } manifest)
        {
            return DeploymentOutcome.NotFound($"Model '{name}' has no version {version}.");
        }

        if (!allowRefused && (await registry.GetDeploymentAsync(name, cancellationToken))?.Refused.FirstOrDefault(r => r.Version == version) is { } refused)
        {
            return DeploymentOutcome.Invalid($"Model '{name}' version {version} is refused ({refused.Reason}); promote it explicitly once it is fixed.");
        }

        try
        {
            await registry.GetVerifiedArtifactAsync(manifest, cancellationToken);
            return null;
        }
        catch (ArtifactIntegrityException e)
        {
            return DeploymentOutcome.Invalid($"{e.Message} It cannot receive traffic.");
        }
    }
}
