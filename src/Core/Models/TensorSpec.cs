namespace Serverless.Core.Models;

/// <summary>An ONNX graph input or output in Open Inference Protocol terms.</summary>
/// <param name="Name">The ONNX name.</param>
/// <param name="Datatype">OIP datatype: BOOL, INT32, INT64, FP32, FP64, BYTES, ...</param>
/// <param name="Shape">Dimensions; -1 marks a variable dimension.</param>
public sealed record TensorSpec(string Name, string Datatype, IReadOnlyList<long> Shape);
