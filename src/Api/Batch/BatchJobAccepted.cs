namespace Serverless.Api.Batch;

/// <summary>Answer (202) of <c>POST /api/models/{name}/batch</c>.</summary>
public sealed record BatchJobAccepted(string JobId, string StatusUrl);
