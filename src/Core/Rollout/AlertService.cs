using Microsoft.Extensions.Logging;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;

namespace Serverless.Core.Rollout;

/// <summary>
/// Acts on Azure Monitor alerts for a model: <c>Fired</c> rolls its traffic back to the last known good version, signals
/// the rollout driving it (<c>Rollback</c> event) and notifies; <c>Resolved</c> is recorded and changes nothing. Each
/// alert id and condition acts once however often it is delivered (<see cref="AlertLedger"/>). Thread-safe.
/// </summary>
public sealed class AlertService(
    IModelRegistry registry, DeploymentService deployments, DeploymentAuditLog audit, AlertLedger ledger, TimeProvider time, ILogger<AlertService> logger)
{
    public async Task<AlertOutcome> HandleAsync(CommonAlert alert, IRolloutSignal rollouts, CancellationToken cancellationToken = default)
    {
        if (alert.Model is not { } model || !ModelNames.IsValid(model) || await registry.GetDeploymentAsync(model, cancellationToken) is not { } before)
        {
            logger.UnknownModel(alert.AlertId, alert.Rule, alert.Model ?? "(none)");
            return new AlertOutcome(AlertOutcomeKind.UnknownModel, alert.Model, Message: $"The alert names no registered model ('{alert.Model}'); nothing done.");
        }

        if (!await ledger.TryClaimAsync(alert.AlertId, alert.Fired, model, time.GetUtcNow(), cancellationToken))
        {
            return new AlertOutcome(AlertOutcomeKind.Duplicate, model, before, Message: "This alert was already handled.");
        }

        var outcome = alert.Fired ? await RollBackAsync(alert, model, before, rollouts, cancellationToken) : await RecordResolvedAsync(alert, model, before, cancellationToken);
        await ledger.CompleteAsync(alert.AlertId, alert.Fired, outcome.Kind.ToString(), cancellationToken);
        return outcome;
    }

    private async Task<AlertOutcome> RollBackAsync(CommonAlert alert, string model, DeploymentState before, IRolloutSignal rollouts, CancellationToken cancellationToken)
    {
        var why = $"alert '{alert.Rule}' fired ({alert.AlertId})";
        var result = await deployments.RollbackAsync(model, null, "alert", why, cancellationToken, action: "alert");
        if (result.Kind is not (DeploymentOutcomeKind.Changed or DeploymentOutcomeKind.Unchanged))
        {
            await audit.AppendAsync(model, new DeploymentChange(time.GetUtcNow(), "alert", "alert", before.Describe(), before.Describe(), $"{why}: {result.Error}"), cancellationToken);
            logger.NothingToRollBack(model, alert.AlertId, result.Error ?? "");
            return new AlertOutcome(AlertOutcomeKind.NothingToRollBack, model, before, Message: result.Error);
        }

        string? signalled = null;
        if (before.RolloutInstanceId is { } instance
            && await rollouts.SignalRollbackAsync(instance, new RollbackSignal(model, why, alert.AlertId), cancellationToken))
        {
            signalled = instance;
        }

        return new AlertOutcome(AlertOutcomeKind.RolledBack, model, result.State, signalled);
    }

    private async Task<AlertOutcome> RecordResolvedAsync(CommonAlert alert, string model, DeploymentState state, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(model, new DeploymentChange(
            time.GetUtcNow(), "alert", "alert-resolved", state.Describe(), state.Describe(), $"alert '{alert.Rule}' resolved ({alert.AlertId})"), cancellationToken);
        return new AlertOutcome(AlertOutcomeKind.Recorded, model, state);
    }
}
