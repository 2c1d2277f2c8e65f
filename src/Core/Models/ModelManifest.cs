namespace Serverless.Core.Models;

/// <summary>
/// Everything the system knows about one immutable model version: stored as
/// <c>models/{name}/{version}/manifest.json</c> beside <c>model.onnx</c>.
/// </summary>
/// <remarks>
/// <see cref="Inputs"/> and <see cref="Outputs"/> are read from the ONNX file at registration, never assumed.
/// <see cref="Features"/> is present for models whose single float input is built from named fields
/// (our own trained models, or a foreign model registered with a schema). A model registered without one
/// whose only input is float <c>[N, k]</c> gets <c>f0..f{k-1}</c> (numeric); any other is served through raw
/// tensors (Open Inference Protocol v2) only.
/// </remarks>
public sealed record ModelManifest
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required ModelTask Task { get; init; }
    /// <summary>Where the version is scored; manifests written before this field read as <see cref="ModelServing.Cpu"/>.</summary>
    public ModelServing Serving { get; init; }
    public FeatureSchema? Features { get; init; }
    public required IReadOnlyList<TensorSpec> Inputs { get; init; }
    public required IReadOnlyList<TensorSpec> Outputs { get; init; }
    /// <summary>Class labels in probability-column order (classification only).</summary>
    public IReadOnlyList<string>? ClassLabels { get; init; }
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    public Lineage Lineage { get; init; } = new();
    /// <summary>Per-feature histograms of the training data, kept for drift detection.</summary>
    public IReadOnlyList<FeatureHistogram>? Statistics { get; init; }
    /// <summary>
    /// Distribution of the model's score on held-out training data (name <c>score</c>; the score is the positive-class
    /// probability, the top probability, or the regression value), the reference for score drift.
    /// </summary>
    public FeatureHistogram? ScoreHistogram { get; init; }
    /// <summary>Lower-case hex SHA-256 of model.onnx; verified before any session is created.</summary>
    public required string ArtifactSha256 { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}
