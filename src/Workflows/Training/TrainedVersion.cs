namespace Serverless.Workflows.Training;

/// <summary>A registered version that training produced (the output of the training workflow).</summary>
/// <param name="Model">The model.</param>
/// <param name="Version">The version the registry assigned.</param>
/// <param name="Champion">Whether it serves (a model's first version does; later ones wait for a rollout).</param>
/// <param name="Metrics">Holdout metrics by task, plus rows, trainRows, holdoutRows and skippedRows (docs/training.md).</param>
/// <param name="DataSha256">SHA-256 of the data trained on.</param>
public sealed record TrainedVersion(string Model, int Version, bool Champion, IReadOnlyDictionary<string, double> Metrics, string DataSha256);
