namespace Serverless.Training.Spec;

/// <summary>The training spec is unusable; the message names the field (<c>trainer.trees</c>) and says why.</summary>
public sealed class TrainingSpecException(string message, Exception? inner = null) : Exception(message, inner);
