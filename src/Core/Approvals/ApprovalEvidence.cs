using Serverless.Core.Validation;

namespace Serverless.Core.Approvals;

/// <summary>What approvers are shown to decide on: the candidate against the champion, the gates, the data, who asked and why.</summary>
/// <param name="ChampionVersion">The version serving now; null for a model's first version.</param>
/// <param name="ReportUrl">The validation report (HTML) stored with the version, when there is one.</param>
/// <param name="ComparedWith">Which champion numbers the no-regression gate used (<see cref="ValidationReport.ComparedWith"/>); null when none were.</param>
public sealed record ApprovalEvidence(
    string Model,
    int CandidateVersion,
    int? ChampionVersion,
    IReadOnlyList<MetricComparison> Metrics,
    IReadOnlyList<GateResult> Gates,
    DataSnapshot? Data,
    string RequestedBy,
    string Reason,
    string? ReportUrl = null,
    string? ComparedWith = null);
