using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Serverless.Api.Http;
using Serverless.Core.Approvals;

namespace Serverless.Api.Approvals;

/// <summary>
/// <c>GET|POST /api/approvals/{token}</c>, the links of approval mail. The signed token is the authorization (no key):
/// it names the request, the decision and the approver, and expires with the request.
/// </summary>
/// <remarks>
/// GET only shows a confirmation page and never changes state (mail scanners and previews fetch links). POST records
/// the decision in the <see cref="ApprovalLedger"/> (single-use, ETag-guarded) and then raises
/// <see cref="ApprovalEvents.Decision"/> on the waiting orchestration; a decision recorded but not delivered (the raise
/// failed) is delivered by a retry of the same link. Answers: 403 tampered or foreign token, 410 expired, 404 unknown
/// request, 409 already decided (saying what and by whom), 410 also for a request the workflow closed at its deadline. Thread-safe singleton.
/// </remarks>
public sealed class ApprovalHandler(ApprovalTokenSigner signer, ApprovalLedger ledger, TimeProvider time)
{
    private const int MaxFromLength = 300;

    /// <summary><c>GET /api/approvals/{token}</c>: the confirmation page (200), or the error the POST would answer.</summary>
    public async Task<IResult> ShowAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        ApprovalPage.Protect(request.HttpContext.Response);
        var check = signer.Check(token);
        if (check is not { Status: ApprovalTokenStatus.Valid, Claims: { } claims })
        {
            return Refusal(check.Status);
        }

        var state = await ledger.GetAsync(claims.Instance, cancellationToken);
        if (state is null)
        {
            return ApiError.Result(StatusCodes.Status404NotFound, "No such approval request.");
        }

        if (state.Status == ApprovalStatus.TimedOut)
        {
            return ApiError.Result(StatusCodes.Status410Gone, new ApprovalDecideResult(ApprovalDecideStatus.Expired, state, null).Explain());
        }

        var earlier = state.Votes.FirstOrDefault(v => string.Equals(v.Approver, claims.Approver, StringComparison.OrdinalIgnoreCase));
        if (earlier is not null || state.Status != ApprovalStatus.Pending)
        {
            return ApiError.Result(StatusCodes.Status409Conflict, new ApprovalDecideResult(ApprovalDecideStatus.AlreadyDecided, state, earlier).Explain());
        }

        return ApprovalPage.Confirm(request.HttpContext.Response, state, claims);
    }

    /// <summary><c>POST /api/approvals/{token}</c>: records and delivers the decision (200), or refuses it, changing nothing.</summary>
    public async Task<IResult> DecideAsync(HttpRequest request, string token, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ApprovalPage.Protect(request.HttpContext.Response);
        var check = signer.Check(token);
        if (check is not { Status: ApprovalTokenStatus.Valid, Claims: { } claims })
        {
            return Refusal(check.Status);
        }

        var result = await ledger.DecideAsync(claims, From(request), time.GetUtcNow(), cancellationToken);
        switch (result.Status)
        {
            case ApprovalDecideStatus.UnknownRequest:
                return ApiError.Result(StatusCodes.Status404NotFound, result.Explain());
            case ApprovalDecideStatus.AlreadyDecided:
                return ApiError.Result(StatusCodes.Status409Conflict, result.Explain());
            case ApprovalDecideStatus.Expired:
                return ApiError.Result(StatusCodes.Status410Gone, result.Explain());
        }

        await client.RaiseEventAsync(claims.Instance, ApprovalEvents.Decision, result.Vote, cancellationToken);
        await ledger.MarkDeliveredAsync(claims.Instance, claims.Approver, cancellationToken);
        return ApprovalPage.Recorded(request.HttpContext.Response, result);
    }

    private static IResult Refusal(ApprovalTokenStatus status) => status == ApprovalTokenStatus.Expired
        ? ApiError.Result(StatusCodes.Status410Gone, "This approval link has expired; the request timed out (an expired request counts as rejected).")
        : ApiError.Result(StatusCodes.Status403Forbidden, "This approval link is not valid (altered, or not issued by this service).");

    /// <summary>Who decided from where, for the audit trail: client address and user agent, bounded.</summary>
    private static string From(HttpRequest request)
    {
        var from = $"{request.HttpContext.Connection.RemoteIpAddress} {request.Headers.UserAgent}".Trim();
        return from.Length > MaxFromLength ? from[..MaxFromLength] : from;
    }
}
