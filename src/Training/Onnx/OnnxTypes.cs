using Serverless.Training.Onnx.Proto;

namespace Serverless.Training.Onnx;

/// <summary>Builders for typed graph inputs and outputs.</summary>
internal static class OnnxTypes
{
    /// <summary>TensorProto.DataType FLOAT.</summary>
    public const int Float = 1;

    /// <summary>TensorProto.DataType INT64.</summary>
    public const int Int64 = 7;

    /// <summary>TensorProto.DataType STRING.</summary>
    public const int String = 8;

    /// <summary>TensorProto.DataType DOUBLE.</summary>
    public const int Double = 11;

    /// <summary>A tensor value; a string dimension is symbolic (e.g. the batch "N"), a long is fixed.</summary>
    public static ValueInfoProto Tensor(string name, int elementType, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string param => new TensorShapeProto.Types.Dimension { DimParam = param },
                long value => new TensorShapeProto.Types.Dimension { DimValue = value },
                int value => new TensorShapeProto.Types.Dimension { DimValue = value },
                _ => throw new ArgumentException($"Unsupported dimension {dim}.", nameof(dims)),
            });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
        };
    }
}
