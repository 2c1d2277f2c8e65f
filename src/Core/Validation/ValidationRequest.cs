namespace Serverless.Core.Validation;

/// <summary>What to validate: a registered version, against the current champion unless told otherwise.</summary>
/// <param name="ChampionMetrics">The champion's metrics on the candidate's holdout, when the caller evaluated them (the fair comparison); else the champion's own.</param>
/// <param name="Policy">The model's own policy; null takes the task's default from settings.</param>
public sealed record ValidationRequest(
    string Model,
    int Version,
    int? ChampionVersion = null,
    IReadOnlyDictionary<string, double>? ChampionMetrics = null,
    ValidationPolicy? Policy = null);
