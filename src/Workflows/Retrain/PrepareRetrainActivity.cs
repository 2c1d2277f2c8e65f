using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Core.Approvals;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.DriftMonitoring;
using Serverless.Core.Scoring;
using Serverless.Workflows.Training;

namespace Serverless.Workflows.Retrain;

/// <summary>
/// Fixes what a retrain does: the spec (<see cref="RetrainSpecs.Resolve"/>), the champion it must beat, and the model's
/// policy from settings. Its answer is recorded in the history, so replays and later stages see the same plan.
/// </summary>
/// <remarks>Reads only; safe to run more than once. A model without versions fails with <see cref="ModelNotFoundException"/>.</remarks>
public sealed class PrepareRetrainActivity(IModelRegistry registry, IOptions<RetrainOptions> options, IOptions<ApprovalOptions> approvals)
    : TaskActivity<RetrainRequest, RetrainPlan>
{
    public override async Task<RetrainPlan> RunAsync(TaskActivityContext context, RetrainRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var versions = await registry.ListVersionsAsync(input.Model);
        if (versions.Count == 0)
        {
            throw new ModelNotFoundException($"Model '{input.Model}' is not registered.");
        }

        var spec = RetrainSpecs.Resolve(input.Model, input.SpecJson, versions);
        var champion = (await registry.GetDeploymentAsync(input.Model))?.Champion;
        return new RetrainPlan(
            new TrainModelRequest(input.Model, spec, input.RequestedBy, input.Reason, champion),
            champion,
            options.Value.PolicyFor(input.Model, approvals.Value));
    }
}
