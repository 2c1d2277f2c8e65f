using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.Review;
using Serverless.Core.Rollout;

namespace Serverless.Api.Rollout;

/// <summary>
/// <c>PUT /api/models/{name}/automation</c> (keyed): the model's automation level, a control-plane change like traffic
/// (ETag-guarded, audited as <c>automation</c> in the deployment history). Answers as <see cref="DeploymentHandler"/>:
/// 200 <see cref="DeploymentResponse"/>, 400/404/413/415 <c>{ "error" }</c> with nothing changed. Thread-safe singleton.
/// </summary>
public sealed class AutomationHandler(DeploymentService deployments, IOptions<ReviewOptions> options)
{
    public async Task<IResult> SetAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        var (body, error) = await ControlBody.ReadAsync<AutomationRequest>(request, null, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        if (body.Level is not AutomationLevel level)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "level is required: human, shadow, assist, partial or full.");
        }

        var threshold = level == AutomationLevel.Partial ? body.Threshold ?? options.Value.DefaultThreshold : body.Threshold;
        var outcome = await deployments.SetAutomationAsync(
            name, new ModelAutomation(level, threshold), ControlBody.Caller(request), body.Reason ?? "automation changed", cancellationToken);
        return DeploymentHandler.ToResult(name, outcome);
    }
}
