namespace Serverless.Workflows.Rollout;

/// <summary>The input of <see cref="FinishRolloutActivity"/>: promote the candidate, or put <paramref name="Target"/> back on all traffic.</summary>
/// <param name="Action"><c>promote</c>, <c>rollback</c> (a failed check or a rollback event: notified) or <c>abort</c> (notified).</param>
/// <param name="Target">Promote: the candidate; rollback and abort: the version to restore.</param>
public sealed record FinishRolloutInput(string Model, string Action, int Target, string By, string Why);
