namespace Serverless.Api.Retrain;

/// <summary>The 409 body when the model's retrain is already running: the error, and where to follow the running one.</summary>
public sealed record RetrainRunning(string Error, string Id, string StatusQueryGetUri);
