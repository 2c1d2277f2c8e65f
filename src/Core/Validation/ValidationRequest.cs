namespace Serverless.Core.Validation;

/// <summary>What to validate: a registered version, against the current champion unless told otherwise.</summary>
/// <param name="ChampionHoldout">
/// The champion re-scored on the candidate's holdout (the retrain workflow does it first): the no-regression gate
/// compares with these metrics. Null compares with the champion's stored metrics, and the report says so.
/// </param>
/// <param name="Policy">The model's own policy; null takes the task's default from settings.</param>
public sealed record ValidationRequest(
    string Model,
    int Version,
    int? ChampionVersion = null,
    ChampionOnHoldout? ChampionHoldout = null,
    ValidationPolicy? Policy = null);
