using Serverless.Core.Models;

namespace Serverless.Api.Scoring;

/// <summary>OIP <c>GET /v2/models/{name}[/versions/{v}]</c> body; shapes use -1 for variable dimensions.</summary>
public sealed record ModelMetadataResponse(
    string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs);
