namespace Serverless.Training.Data;

/// <summary>The bytes of a training file exactly as stored (hashed for the lineage) and where they came from.</summary>
/// <param name="Bytes">The file as stored (still compressed when it is gzip).</param>
/// <param name="Uri">A <c>file://</c> or blob URI, for the lineage.</param>
/// <param name="Name">The file name, whose extension tells the format when the spec does not.</param>
/// <param name="Version">The blob's ETag when read from storage (the snapshot trained on), else null.</param>
public sealed record TrainingData(byte[] Bytes, string Uri, string Name, string? Version = null);
