using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Approvals;

/// <summary>
/// Opens an approval request in the <see cref="ApprovalLedger"/> and mails each approver who has not decided yet their
/// own signed Approve / Reject links.
/// </summary>
/// <remarks>
/// Idempotent in effect: the ledger row is created once, and a rerun (an activity retried after a crash) mails fresh
/// links that decide the same request, so a duplicate mail never lets anyone decide twice. Thread-safe.
/// </remarks>
public sealed class ApprovalNotifier(
    ApprovalLedger ledger, ApprovalTokenSigner signer, IEmailSender sender, IOptions<ApprovalOptions> options, ILogger<ApprovalNotifier> logger)
{
    /// <summary>Mails the notice (or the reminder) and returns the approvers it was sent to.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(ApprovalNotice notice, bool reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var state = await ledger.OpenAsync(
            new ApprovalRequestState(notice.Instance, notice.Stage, notice.RequiredApprovals, notice.Approvers, notice.ExpiresAt, ApprovalStatus.Pending, []),
            cancellationToken);
        if (state.Status != ApprovalStatus.Pending)
        {
            return [];
        }

        var pending = notice.Approvers
            .Where(a => !state.Votes.Any(v => string.Equals(v.Approver, a, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        foreach (var approver in pending)
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            string Link(ApprovalDecision decision) => ApprovalLinks.For(
                options.Value.PublicBaseUrl, signer.Create(new ApprovalClaims(notice.Instance, decision, approver, notice.ExpiresAt, nonce)));
            await sender.SendAsync(ApprovalNoticeComposer.Compose(notice, approver, Link(ApprovalDecision.Approve), Link(ApprovalDecision.Reject), reminder), cancellationToken);
        }

        logger.NoticeSent(notice.Instance, string.Join(", ", pending), reminder);
        return pending;
    }
}
