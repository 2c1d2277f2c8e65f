using Google.Protobuf;
using Serverless.Training.Onnx.Proto;

namespace Serverless.Training.Onnx;

/// <summary>Builders for ONNX node attributes.</summary>
internal static class OnnxAttributes
{
    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Floats(string name, IEnumerable<float> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.AddRange(values);
        return attribute;
    }

    /// <summary>A 1-D double tensor attribute (the <c>*_as_tensor</c> form ONNX uses for double precision).</summary>
    public static AttributeProto Doubles(string name, IEnumerable<double> values)
    {
        var tensor = new TensorProto { DataType = OnnxTypes.Double };
        tensor.DoubleData.AddRange(values);
        tensor.Dims.Add(tensor.DoubleData.Count);
        return new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = tensor };
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Strings(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };
}
