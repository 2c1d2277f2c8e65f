using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Core.Serialization;

namespace Serverless.Api.Rollout;

/// <summary>
/// The control-plane routes over <see cref="DeploymentService"/>: promote, rollback, traffic, history. Shared by both
/// hosts; the state-changing ones are keyed (local <c>RequireApiKey</c>, Functions <c>AuthorizationLevel.Function</c>).
/// Answers 200 <see cref="DeploymentResponse"/> (in the state blob's JSON shape: modes as <c>canary</c>, <c>blue-green</c>, ...), 400/404/413/415 <c>{ "error" }</c> with nothing changed.
/// </summary>
public sealed class DeploymentHandler(DeploymentService deployments)
{
    public const int MaxHistory = 500;

    public async Task<IResult> PromoteAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        var (body, error) = await ControlBody.ReadAsync<PromoteRequest>(request, null, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        if (body.Version is not int version)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "version is required: the version to promote.");
        }

        return ToResult(name, await deployments.PromoteAsync(name, version, ControlBody.Caller(request), body.Reason ?? "promoted", cancellationToken));
    }

    public async Task<IResult> RollbackAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        var (body, error) = await ControlBody.ReadAsync(request, new RollbackRequest(null, null), cancellationToken);
        return body is null
            ? error!
            : ToResult(name, await deployments.RollbackAsync(name, body.Version, ControlBody.Caller(request), body.Reason ?? "rolled back by request", cancellationToken));
    }

    public async Task<IResult> SetTrafficAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        var (body, error) = await ControlBody.ReadAsync<TrafficRequest>(request, null, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        if (body.Mode is not DeploymentMode mode)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "mode is required: single, canary, blue-green, shadow or ab.");
        }

        var change = new TrafficChange(mode, body.Challenger, body.Weights ?? [], body.RoutingKeyField);
        return ToResult(name, await deployments.SetTrafficAsync(name, change, ControlBody.Caller(request), body.Reason ?? "traffic changed", cancellationToken));
    }

    public async Task<IResult> HistoryAsync(string name, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxHistory)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"limit must be 1-{MaxHistory}.");
        }

        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' is not registered.");
        }

        var (state, changes) = await deployments.HistoryAsync(name, limit ?? 100, cancellationToken);
        return state is null
            ? ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' is not registered.")
            : TypedResults.Json(new HistoryResponse(name, state, changes), JsonDefaults.Options);
    }

    internal static IResult ToResult(string name, DeploymentOutcome outcome) => outcome.Kind switch
    {
        DeploymentOutcomeKind.Changed or DeploymentOutcomeKind.Unchanged =>
            TypedResults.Json(new DeploymentResponse(name, outcome.Kind == DeploymentOutcomeKind.Changed, outcome.State!), JsonDefaults.Options),
        DeploymentOutcomeKind.NotFound => ApiError.Result(StatusCodes.Status404NotFound, outcome.Error!),
        _ => ApiError.Result(StatusCodes.Status400BadRequest, outcome.Error!),
    };
}
