namespace Serverless.Api.Scoring;

/// <summary>OIP <c>GET /v2</c> body.</summary>
public sealed record ServerMetadataResponse(string Name, string Version, IReadOnlyList<string> Extensions);
