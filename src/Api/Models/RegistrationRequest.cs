using System.Text.Json.Serialization;
using Serverless.Core.Models;

namespace Serverless.Api.Models;

/// <summary>The optional <c>manifest</c> part of a register request: what the ONNX file cannot tell.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RegistrationRequest
{
    public ModelTask? Task { get; init; }
    public FeatureSchema? Features { get; init; }
    public ModelServing? Serving { get; init; }
    public IReadOnlyList<string>? ClassLabels { get; init; }
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
    public Lineage? Lineage { get; init; }
    public IReadOnlyList<FeatureHistogram>? Statistics { get; init; }
    public FeatureHistogram? ScoreHistogram { get; init; }
    public string? CreatedBy { get; init; }
}
