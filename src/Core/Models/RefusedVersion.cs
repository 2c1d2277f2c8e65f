namespace Serverless.Core.Models;

/// <summary>A version that failed to load or to verify: never routed to until it is registered again or promoted by hand.</summary>
public sealed record RefusedVersion(int Version, string Reason, DateTimeOffset At);
