using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// Checks <see cref="InferenceTensor"/>s against ONNX input metadata and converts them to and from
/// <see cref="OrtValue"/>s. Stateless; thread-safe.
/// </summary>
public static class OrtTensors
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
    public static OrtValue ToOrtValue(InferenceTensor tensor)
    {
        // Dispatch on the datatype, not the array's runtime type: the CLR lets a byte[] pass as sbyte[]
        // (and ushort[] as short[], ...), so pattern matching on arrays would pick the wrong element type.
        var data = tensor.Data;
        var shape = tensor.Shape;
        return tensor.Datatype switch
        {
            OipDatatype.Fp32 => OrtValue.CreateTensorValueFromMemory((float[])data, shape),
            OipDatatype.Fp64 => OrtValue.CreateTensorValueFromMemory((double[])data, shape),
            OipDatatype.Int64 => OrtValue.CreateTensorValueFromMemory((long[])data, shape),
            OipDatatype.Int32 => OrtValue.CreateTensorValueFromMemory((int[])data, shape),
            OipDatatype.Int16 => OrtValue.CreateTensorValueFromMemory((short[])data, shape),
            OipDatatype.Int8 => OrtValue.CreateTensorValueFromMemory((sbyte[])data, shape),
            OipDatatype.UInt64 => OrtValue.CreateTensorValueFromMemory((ulong[])data, shape),
            OipDatatype.UInt32 => OrtValue.CreateTensorValueFromMemory((uint[])data, shape),
            OipDatatype.UInt16 => OrtValue.CreateTensorValueFromMemory((ushort[])data, shape),
            OipDatatype.UInt8 => OrtValue.CreateTensorValueFromMemory((byte[])data, shape),
            OipDatatype.Bool => OrtValue.CreateTensorValueFromMemory((bool[])data, shape),
            OipDatatype.Bytes => CreateStrings((string[])data, shape),
            _ => throw new InvalidInferenceInputException($"Input '{tensor.Name}': datatype {tensor.Datatype} is not supported."),
        };
    }

    /// <summary>
    /// Runs checked inputs on <paramref name="session"/> as they are (arrays wrapped, not copied) and returns the named
    /// outputs as <see cref="InferenceTensor"/>s, in <paramref name="outputNames"/> order. Thread-safe as ONNX Runtime's Run is.
    /// </summary>
    public static InferenceTensor[] Run(
        InferenceSession session, RunOptions runOptions, IReadOnlyList<InferenceTensor> inputs, string[] inputNames, string[] outputNames)
    {
        var values = new OrtValue[inputs.Count];
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ToOrtValue(inputs[i]);
            }

            using var results = session.Run(runOptions, inputNames, values, outputNames);
            var tensors = new InferenceTensor[outputNames.Length];
            for (var i = 0; i < tensors.Length; i++)
            {
                tensors[i] = results[i].OnnxType == OnnxValueType.ONNX_TYPE_TENSOR
                    ? FromOrtValue(outputNames[i], results[i])
                    : ZipMapOutput.ToTensor(outputNames[i], results[i]);
            }

            return tensors;
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

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
