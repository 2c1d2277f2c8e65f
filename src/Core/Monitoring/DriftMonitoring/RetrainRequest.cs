namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>The input of a retrain started by the drift monitor.</summary>
/// <param name="Reason">Why: <c>drift</c>.</param>
/// <param name="Version">The version whose drift acted.</param>
/// <param name="Detail">The drifted features and their PSI, for people.</param>
public sealed record RetrainRequest(string Model, string Reason, int Version, string Detail, DateTimeOffset RequestedAt);
