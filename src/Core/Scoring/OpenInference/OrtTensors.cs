using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// Checks <see cref="InferenceTensor"/>s against ONNX input metadata and converts them to and from
/// <see cref="OrtValue"/>s. Stateless; thread-safe.
/// </summary>
internal static class OrtTensors
{
    /// <summary>Throws <see cref="InvalidInferenceInputException"/> naming the input when it does not fit.</summary>
    public static void Validate(InferenceTensor tensor, NodeMetadata expected, string model)
    {
        var name = tensor.Name;
        if (!expected.IsTensor)
        {
            throw new InvalidInferenceInputException($"Input '{name}' of model '{model}' is a {expected.OnnxValueType}, which the Open Inference Protocol cannot carry.");
        }

        var expectedType = OipDatatype.FromElementType(expected.ElementDataType) ?? expected.ElementDataType.ToString();
        if (!string.Equals(tensor.Datatype, expectedType, StringComparison.Ordinal))
        {
            throw new InvalidInferenceInputException($"Input '{name}' has datatype {tensor.Datatype}; model '{model}' expects {expectedType}.");
        }

        var clr = OipDatatype.ClrType(tensor.Datatype)
            ?? throw new InvalidInferenceInputException($"Input '{name}': datatype {tensor.Datatype} cannot be sent as JSON data here.");
        if (tensor.Data.GetType().GetElementType() != clr)
        {
            throw new InvalidInferenceInputException($"Input '{name}': data is {tensor.Data.GetType().Name}, datatype {tensor.Datatype} needs {clr.Name}[].");
        }

        var dims = expected.Dimensions;
        var shape = tensor.Shape;
        if (shape.Length != dims.Length)
        {
            throw new InvalidInferenceInputException(
                $"Input '{name}' has shape {Format(shape)} (rank {shape.Length}); model '{model}' expects rank {dims.Length}, shape {Format(dims)}.");
        }

        long count = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] <= 0)
            {
                throw new InvalidInferenceInputException($"Input '{name}' has shape {Format(shape)}; every dimension must be at least 1.");
            }

            if (dims[i] >= 0 && dims[i] != shape[i])
            {
                throw new InvalidInferenceInputException(
                    $"Input '{name}' has shape {Format(shape)}; dimension {i} must be {dims[i]} (model '{model}' expects {Format(dims)}, -1 = any).");
            }

            count = checked(count * shape[i]);
        }

        if (count != tensor.Data.Length)
        {
            throw new InvalidInferenceInputException($"Input '{name}' has {tensor.Data.Length} data elements; shape {Format(shape)} needs {count}.");
        }
    }

    /// <summary>Wraps the tensor's array without copying (pinned until the value is disposed); strings are copied.</summary>
    public static OrtValue ToOrtValue(InferenceTensor tensor) => tensor.Data switch
    {
        float[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        double[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        long[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        int[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        short[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        sbyte[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        ulong[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        uint[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        ushort[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        byte[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        bool[] a => OrtValue.CreateTensorValueFromMemory(a, tensor.Shape),
        string[] a => CreateStrings(a, tensor.Shape),
        _ => throw new InvalidInferenceInputException($"Input '{tensor.Name}': unsupported data type {tensor.Data.GetType().Name}."),
    };

    /// <summary>Copies an output tensor into an <see cref="InferenceTensor"/>.</summary>
    public static InferenceTensor FromOrtValue(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var type = info.ElementDataType;
        var datatype = OipDatatype.FromElementType(type);
        Array data = type switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Double => value.GetTensorDataAsSpan<double>().ToArray(),
            TensorElementType.Int64 => value.GetTensorDataAsSpan<long>().ToArray(),
            TensorElementType.Int32 => value.GetTensorDataAsSpan<int>().ToArray(),
            TensorElementType.Int16 => value.GetTensorDataAsSpan<short>().ToArray(),
            TensorElementType.Int8 => value.GetTensorDataAsSpan<sbyte>().ToArray(),
            TensorElementType.UInt64 => value.GetTensorDataAsSpan<ulong>().ToArray(),
            TensorElementType.UInt32 => value.GetTensorDataAsSpan<uint>().ToArray(),
            TensorElementType.UInt16 => value.GetTensorDataAsSpan<ushort>().ToArray(),
            TensorElementType.UInt8 => value.GetTensorDataAsSpan<byte>().ToArray(),
            TensorElementType.Bool => value.GetTensorDataAsSpan<bool>().ToArray(),
            TensorElementType.String => value.GetStringTensorAsArray(),
            _ => throw new InvalidInferenceInputException($"Output '{name}' has element type {type}, which cannot be returned as JSON."),
        };
        return new InferenceTensor(name, datatype!, info.Shape, data);
    }

    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(",", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    public static string Format(int[] dims) => "[" + string.Join(",", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static OrtValue CreateStrings(string[] values, long[] shape)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                value.StringTensorSetElementAt(values[i].AsSpan(), i);
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }
}
