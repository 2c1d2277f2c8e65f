namespace Serverless.Core.Models;

/// <summary>A stored artifact's SHA-256 differs from its manifest: the bytes are not what was registered.</summary>
public sealed class ArtifactIntegrityException(string model, int version, string expected, string actual)
    : Exception($"Artifact of model '{model}' version {version} failed verification: expected SHA-256 {expected}, found {actual}.")
{
    public string Model { get; } = model;
    public int Version { get; } = version;
}
