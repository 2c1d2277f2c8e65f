using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Core.Serialization;

namespace Serverless.Training.Cli;

/// <summary>
/// <c>manifest.json</c> beside <c>model.onnx</c>: exactly the registry's <c>manifest</c> upload part, so the pair can be
/// registered as it is (<c>--register</c>, or <c>curl -F model=@model.onnx -F manifest=@manifest.json</c>).
/// </summary>
internal sealed record TrainingManifest(
    ModelTask Task,
    FeatureSchema Features,
    IReadOnlyList<string>? ClassLabels,
    IReadOnlyDictionary<string, double> Metrics,
    Lineage Lineage,
    IReadOnlyList<FeatureHistogram> Statistics,
    FeatureHistogram ScoreHistogram,
    string CreatedBy)
{
    public static TrainingManifest Of(TrainingResult result, string createdBy) =>
        new(result.Task, result.Schema, result.ClassLabels, result.Metrics, result.Lineage, result.Statistics, result.ScoreHistogram, createdBy);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, JsonDefaults.Options);
}
