namespace Serverless.Core.Batch;

/// <summary>Body of <c>POST /api/models/{name}/batch</c>.</summary>
/// <param name="Path">The file under <c>{input container}/{name}/</c>, e.g. <c>exports/2026-01-31.csv</c>.</param>
/// <param name="ModelVersion">A version to score with; otherwise blob metadata <c>model_version</c>, otherwise the champion.</param>
public sealed record BatchJobSubmission(string? Path, int? ModelVersion = null);
