namespace Serverless.Core.Models;

/// <summary>
/// How named record fields become the model's single float input tensor <c>[-1, Features.Count]</c>.
/// Column <c>i</c> of the tensor is <c>Features[i]</c>. Training and serving both encode through this
/// schema, so what the model saw in training is exactly what it sees in production.
/// </summary>
/// <param name="InputName">The ONNX input the encoded rows feed (unused, may be empty, with <paramref name="InputPerFeature"/>).</param>
/// <param name="Features">The columns, in tensor order.</param>
/// <param name="MissingValues">Text values that mean "missing" besides the empty string (e.g. <c>?</c>, <c>NA</c>), as the training file wrote them.</param>
/// <param name="TrimText">Whether text values lose surrounding whitespace before they are encoded (as in training).</param>
/// <param name="InputPerFeature">Each feature feeds the ONNX input of its name instead (<see cref="FeatureInputs"/>).</param>
public sealed record FeatureSchema(
    string InputName,
    IReadOnlyList<FeatureDefinition> Features,
    IReadOnlyList<string>? MissingValues = null,
    bool TrimText = false,
    bool InputPerFeature = false);
