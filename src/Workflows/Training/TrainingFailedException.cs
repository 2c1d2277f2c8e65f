namespace Serverless.Workflows.Training;

/// <summary>Ends a training instance as Failed with the reason people need (a bad spec or data, a refused model).</summary>
public sealed class TrainingFailedException(string message) : Exception(message);
