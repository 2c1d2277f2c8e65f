namespace Serverless.Workflows.Training;

/// <summary>The input of <see cref="TrainCandidateActivity"/>: the request, the snapshot to train on, and the run's id.</summary>
/// <param name="Request">What to train.</param>
/// <param name="Snapshot">The data, as copied by <see cref="SnapshotTrainingDataActivity"/>.</param>
/// <param name="RunId">The orchestration instance id; registration is idempotent per run id.</param>
public sealed record TrainCandidateInput(TrainModelRequest Request, TrainingSnapshot Snapshot, string RunId);
