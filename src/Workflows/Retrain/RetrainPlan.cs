using Serverless.Workflows.Training;

namespace Serverless.Workflows.Retrain;

/// <summary>What one retrain does, fixed at its start by <see cref="PrepareRetrainActivity"/> (so a replay never re-reads settings or the registry).</summary>
/// <param name="Training">The training request: the spec (given, or the model's last one on the data its blob holds now), who and why, the parent.</param>
/// <param name="Champion">The version serving when the retrain started; the candidate is validated against it.</param>
/// <param name="Policy">The model's approval policy and gates.</param>
public sealed record RetrainPlan(TrainModelRequest Training, int? Champion, RetrainPolicy Policy);
