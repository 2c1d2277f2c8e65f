namespace Serverless.Workflows.Retrain;

/// <summary>What starting a retrain did: started <see cref="InstanceId"/>, or found it already running (then nothing was started).</summary>
public sealed record RetrainStart(string InstanceId, bool Started);
