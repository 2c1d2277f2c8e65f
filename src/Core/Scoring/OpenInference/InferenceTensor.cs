namespace Serverless.Core.Scoring.OpenInference;

/// <summary>A named tensor in Open Inference Protocol terms: flattened row-major data plus its shape.</summary>
/// <param name="Name">Input or output name.</param>
/// <param name="Datatype">An <see cref="OipDatatype"/> name.</param>
/// <param name="Shape">Dimensions, all non-negative; the product equals <c>Data.Length</c>.</param>
/// <param name="Data">A one-dimensional array of <see cref="OipDatatype.ClrType"/> elements (string for BYTES).</param>
/// <param name="Classes">
/// For an output that ONNX gives as a sequence of maps (scikit-learn's ZipMap): the class of each column of the
/// FP32 <c>[N, classes]</c> tensor it is returned as, written as the output's <c>parameters.classes</c>.
/// </param>
public sealed record InferenceTensor(string Name, string Datatype, long[] Shape, Array Data, IReadOnlyList<string>? Classes = null);
