namespace Serverless.Training;

/// <summary>The training data or request cannot be used; the message says what is wrong and where (line, column, value).</summary>
public sealed class TrainingDataException(string message, Exception? inner = null) : Exception(message, inner);
