namespace Serverless.Core.Monitoring;

/// <summary>What the rollback webhook needs from an Azure Monitor common-alert-schema payload.</summary>
/// <param name="AlertId">Stable across deliveries of the same alert (retries) and shared by its Fired and Resolved.</param>
/// <param name="Fired">True for <c>Fired</c>, false for <c>Resolved</c>.</param>
/// <param name="Model">From <c>customProperties.model</c>, else a <c>model</c> dimension of the condition; null when neither.</param>
public sealed record CommonAlert(string AlertId, string Rule, bool Fired, string SignalType, string? Model);
