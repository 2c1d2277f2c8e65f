namespace Serverless.Core.Scoring;

/// <summary>Where a model's unversioned traffic goes: the champion version and its loaded session. Immutable.</summary>
internal sealed record ChampionRoute(int Version, OnnxScoringModel Model);
