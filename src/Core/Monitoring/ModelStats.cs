namespace Serverless.Core.Monitoring;

/// <summary>What <c>GET /api/models/{name}/stats</c> answers: every version with data in <c>[From, To)</c>.</summary>
public sealed record ModelStats(string Model, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<VersionStats> Versions);
