namespace Serverless.Core.Scoring.OpenInference;

/// <summary>A parsed Open Inference Protocol infer request.</summary>
/// <param name="Id">The caller's request id, echoed in the response.</param>
/// <param name="Inputs">The named input tensors, in request order.</param>
/// <param name="Outputs">The requested output names, or null for all outputs.</param>
public sealed record InferRequest(string? Id, IReadOnlyList<InferenceTensor> Inputs, IReadOnlyList<string>? Outputs);
