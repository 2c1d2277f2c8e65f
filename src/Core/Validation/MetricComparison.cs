namespace Serverless.Core.Validation;

/// <summary>One metric of the candidate beside the champion's.</summary>
/// <param name="Champion">
/// The champion's value the no-regression gate compares with: on the candidate's holdout when it was re-scored
/// (<see cref="ChampionBasis.Holdout"/>), else as stored; null when there is none to compare.
/// </param>
/// <param name="ChampionStored">The champion's value as its manifest stores it (its own holdout, at its training); null when it has none.</param>
public sealed record MetricComparison(string Name, double Candidate, double? Champion, double? ChampionStored = null);
