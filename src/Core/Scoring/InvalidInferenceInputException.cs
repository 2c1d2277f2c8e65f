namespace Serverless.Core.Scoring;

/// <summary>
/// The caller's inputs do not fit the model (unknown, missing or duplicate input, wrong datatype, rank,
/// dimension or data length, unknown output). The message names the input at fault; hosts answer 400 with it.
/// </summary>
public sealed class InvalidInferenceInputException(string message) : Exception(message);
