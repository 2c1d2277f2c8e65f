namespace Serverless.Core.Scoring;

/// <summary>The model or version does not exist, or the model has no champion to answer unversioned requests.</summary>
public sealed class ModelNotFoundException(string message) : Exception(message);
