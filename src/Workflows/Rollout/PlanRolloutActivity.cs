using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Core.Approvals;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Core.Rollout.Plans;

namespace Serverless.Workflows.Rollout;

/// <summary>
/// Resolves the rollout's plan from settings (<see cref="RolloutPlanner"/>, with the model's approval policy) and reads the champion it starts from; refuses
/// (<see cref="RolloutStart.Error"/>) an unknown model or version, a model with no champion, or a candidate that already is it.
/// </summary>
/// <remarks>Reads only; safe to run again. The orchestration keeps the plan it returns, so a settings change never alters a running rollout.</remarks>
public sealed class PlanRolloutActivity(IModelRegistry registry, IOptions<RolloutOptions> options, IOptions<ApprovalOptions> approvals)
    : TaskActivity<RolloutRequest, RolloutStart>
{
    public override async Task<RolloutStart> RunAsync(TaskActivityContext context, RolloutRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ModelNames.IsValid(input.Model) || await registry.GetDeploymentAsync(input.Model) is not { } state)
        {
            return new RolloutStart(null, null, $"Model '{input.Model}' is not registered.");
        }

        if (await registry.GetManifestAsync(input.Model, input.Version) is null)
        {
            return new RolloutStart(null, state.Champion, $"Model '{input.Model}' has no version {input.Version}.");
        }

        if (state.Champion is not int champion)
        {
            return new RolloutStart(null, null, $"Model '{input.Model}' has no champion to roll out from; promote version {input.Version} instead.");
        }

        if (champion == input.Version)
        {
            return new RolloutStart(null, champion, $"Version {input.Version} already is the champion of '{input.Model}'.");
        }

        var (plan, error) = RolloutPlanner.Resolve(options.Value, approvals.Value.PolicyFor(input.Model), input.Model, input.Plan);
        return new RolloutStart(plan, champion, error);
    }
}
