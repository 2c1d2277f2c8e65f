using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Api.Http;
using Serverless.Api.Workflows;
using Serverless.Core.Approvals;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Core.Rollout.Plans;
using Serverless.Workflows;
using Serverless.Workflows.Rollout;

namespace Serverless.Api.Rollout;

/// <summary>
/// <c>POST /api/models/{name}/rollouts</c>: checks the model, version and plan, then starts <see cref="RolloutOrchestrator"/>
/// as instance <c>rollout-{model}</c> and answers 202 with the management payload; 409 with the running instance's status
/// URL while one runs. Each host passes its own client and management links.
/// </summary>
public sealed class RolloutHandler(IModelRegistry registry, IOptions<RolloutOptions> options, IOptions<ApprovalOptions> approvals)
{
    public const int MaxReasonLength = 500;

    public async Task<IResult> StartAsync(
        HttpRequest request, string name, DurableTaskClient client, Func<string, HttpManagementPayload> links, CancellationToken cancellationToken)
    {
        var (body, error) = await ControlBody.ReadAsync<RolloutStartRequest>(request, null, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        if (body.Version is not int version)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "version is required: the registered version to roll out.");
        }

        if (body.Reason is { Length: > MaxReasonLength })
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"reason is longer than {MaxReasonLength} characters.");
        }

        if (!ModelNames.IsValid(name) || await registry.GetDeploymentAsync(name, cancellationToken) is not { } state)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' is not registered.");
        }

        if (await registry.GetManifestAsync(name, version, cancellationToken) is null)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' has no version {version}.");
        }

        if (state.Champion is null)
        {
            // PlanRolloutActivity refuses it too; answering here spares the caller a 202 for a rollout that aborts at once.
            return ApiError.Result(StatusCodes.Status409Conflict,
                $"Model '{name}' has no champion to roll out from; promote version {version} instead (POST /api/models/{name}/promote).");
        }

        if (state.Champion == version)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"version: {version} already is the champion of '{name}'.");
        }

        if (RolloutPlanner.Resolve(options.Value, approvals.Value.PolicyFor(name), name, body.Plan).Error is { } planError)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, planError);
        }

        var input = new RolloutRequest(name, version, ControlBody.Caller(request), body.Reason ?? "manual rollout", StartApproved: false, body.Plan);
        var start = await SingletonOrchestration.StartAsync(client, RolloutNames.Orchestrator, RolloutNames.InstanceId(name), input, cancellationToken);
        return SingletonWorkflow.Result(start, links, $"A rollout of '{name}'");
    }
}
