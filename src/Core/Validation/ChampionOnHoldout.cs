namespace Serverless.Core.Validation;

/// <summary>
/// The champion re-scored on the candidate's holdout rows (the rows the candidate's metrics come from), so the
/// no-regression gate compares like with like; or why the champion could not score them.
/// </summary>
/// <param name="Version">The champion version that was scored.</param>
/// <param name="Rows">The holdout rows.</param>
/// <param name="Metrics">Its metrics on those rows, under the candidate's metric names; null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why it could not score them (a field its schema requires, an unknown category, other classes, a raw-tensor model); null when it did.</param>
public sealed record ChampionOnHoldout(int Version, int Rows, IReadOnlyDictionary<string, double>? Metrics, string? Problem = null);
