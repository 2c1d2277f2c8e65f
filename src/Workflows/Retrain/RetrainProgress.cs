namespace Serverless.Workflows.Retrain;

/// <summary>The custom status of <see cref="RetrainOrchestrator"/>: the stage it is in, for people and dashboards.</summary>
/// <param name="Stage">One of <see cref="RetrainStages"/>.</param>
/// <param name="Detail">What the stage works on, or how the retrain ended.</param>
/// <param name="Version">The candidate version, once registered.</param>
public sealed record RetrainProgress(string Stage, string Detail, int? Version = null);
