using System.Runtime.InteropServices;
using Google.Protobuf;
using Serverless.Training.Onnx.Proto;

namespace Serverless.Training.Onnx;

/// <summary>
/// Writes an <see cref="MlpWeights"/> network as ONNX: per layer one <c>Gemm</c> (weights <c>[in, out]</c>, bias
/// <c>[out]</c>), <c>Relu</c> between layers, <c>Softmax</c> over the last axis.
/// </summary>
/// <remarks>
/// Input <see cref="InputName"/> FP32 <c>[N, in]</c> and output <see cref="OutputName"/> FP32 <c>[N, out]</c>, with
/// a dynamic batch dimension <c>N</c>, so a server may concatenate requests along it. Weights are initializers in
/// little-endian raw data. Opset 17.
/// </remarks>
public static class MlpOnnxExporter
{
    public const string InputName = "input";
    public const string OutputName = "probabilities";

    public static byte[] Export(MlpWeights mlp, string producerVersion = "1.0.0")
    {
        var graph = new GraphProto { Name = "mlp" };
        var current = InputName;
        for (var l = 0; l < mlp.Weights.Count; l++)
        {
            var (fanIn, fanOut) = (mlp.Widths[l], mlp.Widths[l + 1]);
            var (weight, bias, gemm) = ($"W{l}", $"B{l}", $"gemm{l}");
            graph.Initializer.Add(FloatTensor(weight, mlp.Weights[l], fanIn, fanOut));
            graph.Initializer.Add(FloatTensor(bias, mlp.Biases[l], fanOut));
            graph.Node.Add(Node("Gemm", gemm, [current, weight, bias], gemm));
            current = gemm;
            if (l < mlp.Weights.Count - 1)
            {
                var relu = $"relu{l}";
                graph.Node.Add(Node("Relu", relu, [current], relu));
                current = relu;
            }
        }

        var softmax = Node("Softmax", "softmax", [current], OutputName);
        softmax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
        graph.Node.Add(softmax);
        graph.Input.Add(OnnxTypes.Tensor(InputName, OnnxTypes.Float, "N", mlp.InputWidth));
        graph.Output.Add(OnnxTypes.Tensor(OutputName, OnnxTypes.Float, "N", mlp.OutputWidth));

        var model = new ModelProto { IrVersion = 8, ProducerName = "Serverless.Training", ProducerVersion = producerVersion, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    private static NodeProto Node(string opType, string name, string[] inputs, string output)
    {
        var node = new NodeProto { Name = name, OpType = opType };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian.");
        }

        var tensor = new TensorProto { Name = name, DataType = OnnxTypes.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
