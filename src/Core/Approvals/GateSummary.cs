namespace Serverless.Core.Approvals;

/// <summary>One validation gate's result as approvers see it: its name, whether it passed, and the numbers behind it.</summary>
public sealed record GateSummary(string Name, bool Passed, string Detail);
