using System.Security.Cryptography;
using Serverless.Core.Models;

namespace Serverless.Core.Tests.Scoring.TestModels;

/// <summary>Manifests for test models, with inputs/outputs read from the ONNX file as the registry does.</summary>
internal static class TestManifests
{
    public static readonly byte[] Xgb = File.ReadAllBytes(Serverless.Testing.RepositoryPaths.XgbRegressorOnnx);

    public static FeatureSchema XgbSchema(bool firstRequired = false) => new("X",
    [
        new FeatureDefinition("a", FeatureKind.Numeric, Required: firstRequired),
        new FeatureDefinition("b", FeatureKind.Numeric),
        new FeatureDefinition("c", FeatureKind.Numeric),
        new FeatureDefinition("d", FeatureKind.Categorical, ["low", "high"]),
    ]);

    public static ModelManifest For(string name, int version, byte[] onnx, ModelTask task, FeatureSchema? features = null, IReadOnlyList<string>? classLabels = null)
    {
        var (inputs, outputs) = OnnxModelInspector.Inspect(onnx);
        return new ModelManifest
        {
            Name = name,
            Version = version,
            Task = task,
            Features = features,
            Inputs = inputs,
            Outputs = outputs,
            ClassLabels = classLabels,
            ArtifactSha256 = Convert.ToHexStringLower(SHA256.HashData(onnx)),
            CreatedAt = DateTimeOffset.UnixEpoch,
            CreatedBy = "tests",
        };
    }

    public static FeatureSchema ClassifierSchema() => new("features",
    [
        new FeatureDefinition("x0", FeatureKind.Numeric, Required: true),
        new FeatureDefinition("x1", FeatureKind.Numeric),
    ]);
}
