using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Core.Models;

/// <summary>
/// Reads an ONNX file's inputs and outputs through ONNX Runtime itself: if ORT cannot load it, it is
/// refused at registration rather than at the first request. Names, shapes and types come from the file.
/// </summary>
public static class OnnxModelInspector
{
    /// <summary>Datatype used for outputs that are neither tensors nor ZipMap sequences of maps (which are FP32 [-1, -1]).</summary>
    public const string NonTensor = "NON_TENSOR";

    public static (IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs) Inspect(ReadOnlyMemory<byte> onnx)
    {
        if (onnx.IsEmpty)
        {
            throw new ModelValidationException("The ONNX file is empty.");
        }

        try
        {
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
            using var session = new InferenceSession(onnx.ToArray(), options);
            return (Describe(session.InputMetadata), Describe(session.OutputMetadata));
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelValidationException($"ONNX Runtime cannot load the model: {e.Message}", e);
        }
    }

    /// <summary>The Open Inference Protocol name of an ONNX tensor element type.</summary>
    public static string ToDatatype(TensorElementType type) => type switch
    {
        TensorElementType.Float => "FP32",
        TensorElementType.Double => "FP64",
        TensorElementType.Float16 => "FP16",
        TensorElementType.Int64 => "INT64",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Int8 => "INT8",
        TensorElementType.UInt64 => "UINT64",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.Bool => "BOOL",
        TensorElementType.String => "BYTES",
        _ => throw new ModelValidationException($"Tensor element type {type} is not supported."),
    };

    private static List<TensorSpec> Describe(IReadOnlyDictionary<string, NodeMetadata> nodes)
    {
        var specs = new List<TensorSpec>(nodes.Count);
        foreach (var (name, node) in nodes)
        {
            specs.Add(node.OnnxValueType switch
            {
                OnnxValueType.ONNX_TYPE_TENSOR => new TensorSpec(name, ToDatatype(node.ElementDataType), node.Dimensions.Select(d => (long)d).ToArray()),
                // A ZipMap (sequence of class -> probability maps) is answered as FP32 [N, classes].
                _ when Scoring.OpenInference.ZipMapOutput.IsZipMap(node) => new TensorSpec(name, "FP32", [-1, -1]),
                _ => new TensorSpec(name, NonTensor, []),
            });
        }

        return specs;
    }
}
