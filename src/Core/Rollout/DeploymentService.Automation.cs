using Serverless.Core.Models;

namespace Serverless.Core.Rollout;

public sealed partial class DeploymentService
{
    /// <summary>
    /// Sets the model's automation level (<c>PUT /api/models/{name}/automation</c>): stored in the deployment state under
    /// its ETag, audited (action <c>automation</c>) and logged like every control-plane change; scoring instances pick it up
    /// within their refresh interval. <see cref="AutomationLevel.Partial"/> needs a threshold in (0, 1] and a
    /// classification champion (a regression value has no confidence to compare); other levels take no threshold.
    /// Idempotent: the level the model already has answers <see cref="DeploymentOutcomeKind.Unchanged"/>.
    /// </summary>
    public async Task<DeploymentOutcome> SetAutomationAsync(
        string name, ModelAutomation automation, string by, string why, CancellationToken cancellationToken = default)
    {
        if (automation.Level == AutomationLevel.Partial)
        {
            if (automation.ReviewThreshold is not double threshold || !(threshold > 0 && threshold <= 1))
            {
                return DeploymentOutcome.Invalid("threshold must be a number in (0, 1]: below it a prediction needs review.");
            }

            var state = await registry.GetDeploymentAsync(name, cancellationToken);
            if (state?.Champion is int champion && await registry.GetManifestAsync(name, champion, cancellationToken) is { Task: not ModelTask.Classification } manifest)
            {
                return DeploymentOutcome.Invalid(
                    $"Level 'partial' needs class probabilities; the champion of '{name}' (version {champion}) is a {manifest.Task.ToString().ToLowerInvariant()} model. Use assist, shadow or human.");
            }
        }
        else if (automation.ReviewThreshold is not null)
        {
            return DeploymentOutcome.Invalid($"threshold applies to level 'partial' only, not '{ModelAutomation.Name(automation.Level)}'.");
        }

        return await ChangeAsync(name, current => current.Automation == automation
            ? (current, null)
            : (DeploymentTransitions.Automate(current, automation, by, why, time.GetUtcNow()), null), notice: null, cancellationToken);
    }
}
