namespace Serverless.Core.Models;

/// <summary>
/// How named record fields become the model's single float input tensor <c>[-1, Features.Count]</c>.
/// Column <c>i</c> of the tensor is <c>Features[i]</c>. Training and serving both encode through this
/// schema, so what the model saw in training is exactly what it sees in production.
/// </summary>
/// <param name="InputName">The ONNX input the encoded rows feed.</param>
/// <param name="Features">The columns, in tensor order.</param>
public sealed record FeatureSchema(string InputName, IReadOnlyList<FeatureDefinition> Features);
