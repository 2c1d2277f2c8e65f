using Serverless.Core.Models;

namespace Serverless.Core.Monitoring;

/// <summary>
/// How one model version's per-row statistics sit in a flat <c>long[]</c>: per feature its value bins then
/// missing, below-range and above-range; then the score bins; then one count per class; then invalid outputs.
/// Built once per version from its manifest; immutable and thread-safe.
/// </summary>
internal sealed class VersionLayout
{
    public VersionLayout(ModelManifest manifest)
    {
        Manifest = manifest;
        VersionTag = manifest.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var features = manifest.Features?.Features ?? [];
        Features = new FeatureLayout[features.Count];
        var offset = 0;
        for (var i = 0; i < features.Count; i++)
        {
            var definition = features[i];
            var training = manifest.Statistics?.FirstOrDefault(h => h.Name == definition.Name);
            // Arrays, copied once per version: the hot path bins every value against them.
            var edges = definition.Kind == FeatureKind.Categorical
                ? MonitoringBuckets.Categorical(definition.Categories?.Count ?? 0)
                : training?.BinEdges.ToArray() ?? [];
            Features[i] = new FeatureLayout(definition.Name, definition.Kind == FeatureKind.Categorical, edges,
                training?.Min ?? double.NegativeInfinity, training?.Max ?? double.PositiveInfinity, offset);
            offset += edges.Length + 1 + 3;
        }

        ScoreEdges = (manifest.ScoreHistogram?.BinEdges
            ?? (manifest.Task == ModelTask.Regression ? [] : MonitoringBuckets.Probability)).ToArray();
        ScoreOffset = offset;
        offset += ScoreEdges.Length + 1;
        Classes = manifest.ClassLabels ?? [];
        ClassOffset = offset;
        offset += Classes.Count;
        InvalidOffset = offset;
        Size = offset + 1;
        ClassIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < Classes.Count; c++)
        {
            ClassIndex.TryAdd(Classes[c], c);
        }
    }

    public ModelManifest Manifest { get; }

    public string VersionTag { get; }

    public FeatureLayout[] Features { get; }

    public double[] ScoreEdges { get; }

    public int ScoreOffset { get; }

    public IReadOnlyList<string> Classes { get; }

    public Dictionary<string, int> ClassIndex { get; }

    public int ClassOffset { get; }

    public int InvalidOffset { get; }

    /// <summary>Length of the flat count array.</summary>
    public int Size { get; }

    /// <summary>One feature's block: <c>Offset .. Offset + Bins</c> value bins, then missing, below, above.</summary>
    internal sealed record FeatureLayout(string Name, bool Categorical, double[] Edges, double Min, double Max, int Offset)
    {
        public int Bins => Edges.Length + 1;

        public int Missing => Offset + Bins;

        public int Below => Offset + Bins + 1;

        public int Above => Offset + Bins + 2;
    }
}
