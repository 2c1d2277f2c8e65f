using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Core.Monitoring;
using Serverless.Core.Rollout;
using Serverless.Core.Serialization;

namespace Serverless.Api.Rollout;

/// <summary>
/// <c>POST /api/alerts</c>: the Azure Monitor action group's webhook (common alert schema), keyed like every
/// state-changing route. 200 with what was done (also for a duplicate delivery: retries must stop), 202 for an alert
/// that names no known model (logged, never a 500), 400 for a payload that is malformed or over 256 KB.
/// </summary>
public sealed class AlertHandler(AlertService alerts)
{
    /// <summary>Azure Monitor's own limit on a common-schema payload.</summary>
    public const int MaxBytes = 256 * 1024;

    public async Task<IResult> ReceiveAsync(HttpRequest request, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonRequestBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (body is null)
        {
            return error is IStatusCodeHttpResult { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? ApiError.Result(StatusCodes.Status400BadRequest, $"An alert payload is at most {MaxBytes} bytes.")
                : error!;
        }

        CommonAlert? alert;
        string? parseError;
        using (body)
        {
            alert = CommonAlertParser.TryParse(body.Span, out parseError);
        }

        if (alert is null)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, parseError!);
        }

        var outcome = await alerts.HandleAsync(alert, new DurableRolloutSignal(durable), cancellationToken);
        var response = new AlertResponse(alert.AlertId, JsonNamingPolicy.CamelCase.ConvertName(outcome.Kind.ToString()), outcome.Model,
            outcome.SignalledRollout, outcome.Message, outcome.State);
        return TypedResults.Json(response, JsonDefaults.Options,
            statusCode: outcome.Kind == AlertOutcomeKind.UnknownModel ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }
}
