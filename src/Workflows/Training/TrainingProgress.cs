namespace Serverless.Workflows.Training;

/// <summary>The custom status of <see cref="TrainModelOrchestrator"/>: the stage it is in, for people and dashboards.</summary>
/// <param name="Stage"><c>snapshot</c>, <c>train</c>, <c>registered</c> or <c>failed</c>.</param>
/// <param name="Detail">What the stage works on, or why it failed.</param>
/// <param name="Version">The registered version, from <c>registered</c> on.</param>
public sealed record TrainingProgress(string Stage, string Detail, int? Version = null);
