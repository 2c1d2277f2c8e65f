namespace Serverless.Core.Models;

/// <summary>What a caller supplies to register a new version; the registry assigns the version number,
/// reads inputs/outputs from the ONNX file and computes the artifact hash.</summary>
public sealed record ModelRegistration
{
    public required string Name { get; init; }
    public required ReadOnlyMemory<byte> Onnx { get; init; }
    /// <summary>When null the registry infers it from the outputs (probabilities -> classification, one value -> regression).</summary>
    public ModelTask? Task { get; init; }
    public FeatureSchema? Features { get; init; }
    /// <summary>Where the version is scored; null means <see cref="ModelServing.Cpu"/>.</summary>
    public ModelServing? Serving { get; init; }
    public IReadOnlyList<string>? ClassLabels { get; init; }
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
    public Lineage? Lineage { get; init; }
    public IReadOnlyList<FeatureHistogram>? Statistics { get; init; }
    public FeatureHistogram? ScoreHistogram { get; init; }
    public required string CreatedBy { get; init; }
}
