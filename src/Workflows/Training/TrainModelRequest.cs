namespace Serverless.Workflows.Training;

/// <summary>The input of <see cref="TrainModelOrchestrator"/>: train a new version of <see cref="Model"/> from a spec.</summary>
/// <param name="Model">The model the new version belongs to.</param>
/// <param name="SpecJson">The training spec as JSON (docs/training.md); its data must be a blob in the storage account.</param>
/// <param name="RequestedBy">Who asked (a principal name, or "anonymous"), for the lineage and the audit.</param>
/// <param name="Reason">Why: <c>manual</c> for the train route; the retrain workflow passes schedule, drift or feedback.</param>
/// <param name="ParentVersion">The version this one is meant to replace (the champion when training started), if any.</param>
/// <remarks>The spec travels as its JSON text, so the workflow's converter never has to know the spec's types.</remarks>
public sealed record TrainModelRequest(string Model, string SpecJson, string RequestedBy, string Reason = "manual", int? ParentVersion = null);
