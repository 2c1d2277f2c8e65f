using Serverless.Workflows.Training;

namespace Serverless.Workflows.Validation;

/// <summary>The input of <see cref="ScoreChampionOnHoldoutActivity"/>: which champion, and the candidate's spec and data snapshot.</summary>
/// <param name="Champion">The champion version to score.</param>
/// <param name="SpecJson">The spec the candidate was trained with (its label, parsing, holdout fraction and seed fix the holdout).</param>
/// <param name="Snapshot">The immutable copy of the data the candidate was trained and evaluated on.</param>
public sealed record ChampionHoldoutInput(string Model, int Champion, string SpecJson, TrainingSnapshot Snapshot);
