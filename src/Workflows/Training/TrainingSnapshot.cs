namespace Serverless.Workflows.Training;

/// <summary>An immutable copy of the training file, taken before training (the lineage names exactly these bytes).</summary>
/// <param name="Blob"><c>container/path</c> of the copy, addressed by its SHA-256 so every copy of the same bytes is one blob.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes as stored (compressed, when gzip).</param>
/// <param name="Bytes">Size of the file.</param>
/// <param name="Source">The blob the spec named.</param>
/// <param name="SourceVersion">The source blob's ETag when it was read.</param>
public sealed record TrainingSnapshot(string Blob, string Sha256, long Bytes, string Source, string? SourceVersion);
