using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// Reads an ONNX <c>seq(map(int64|string, float))</c> output (scikit-learn's ZipMap: one map of class to probability
/// per row) as a row-major float matrix with one column per class, in the first map's key order.
/// </summary>
public static class ZipMapOutput
{
    /// <summary>Whether an output is a sequence of maps (the only non-tensor output the protocol's answers carry).</summary>
    public static bool IsZipMap(NodeMetadata output) =>
        output.OnnxValueType == OnnxValueType.ONNX_TYPE_SEQUENCE
        && output.AsSequenceMetadata().ElementMeta.OnnxValueType == OnnxValueType.ONNX_TYPE_MAP;

    /// <summary>The rows' probabilities and the keys of the columns (int64 keys as invariant text, or the string keys).</summary>
    /// <exception cref="InvalidOperationException">The maps do not all have the same keys in the same order.</exception>
    public static (float[] Probabilities, string[] Keys, long[]? IntegerKeys) Read(OrtValue sequence)
    {
        var allocator = OrtAllocator.DefaultInstance;
        var rows = sequence.GetValueCount();
        string[]? keys = null;
        long[]? integerKeys = null;
        float[]? probabilities = null;
        for (var r = 0; r < rows; r++)
        {
            using var map = sequence.GetValue(r, allocator);
            using var mapKeys = map.GetValue(0, allocator);
            using var mapValues = map.GetValue(1, allocator);
            var isString = mapKeys.GetTensorTypeAndShape().ElementDataType == TensorElementType.String;
            var rowKeys = isString ? mapKeys.GetStringTensorAsArray() : null;
            var rowIntegers = isString ? null : mapKeys.GetTensorDataAsSpan<long>().ToArray();
            if (keys is null)
            {
                integerKeys = rowIntegers;
                keys = rowKeys ?? Array.ConvertAll(rowIntegers!, k => k.ToString(CultureInfo.InvariantCulture));
                probabilities = new float[rows * keys.Length];
            }
            else if (!(rowKeys?.SequenceEqual(keys) ?? rowIntegers!.SequenceEqual(integerKeys!)))
            {
                throw new InvalidOperationException($"Row {r} of the probabilities sequence names other classes than row 0.");
            }

            mapValues.GetTensorDataAsSpan<float>().CopyTo(probabilities.AsSpan(r * keys.Length, keys.Length));
        }

        return (probabilities ?? [], keys ?? [], integerKeys);
    }

    /// <summary>The output as the protocol returns it: FP32 <c>[N, classes]</c> with the classes alongside.</summary>
    public static InferenceTensor ToTensor(string name, OrtValue sequence)
    {
        var (probabilities, keys, _) = Read(sequence);
        var rows = keys.Length == 0 ? sequence.GetValueCount() : probabilities.Length / keys.Length;
        return new InferenceTensor(name, OipDatatype.Fp32, [rows, keys.Length], probabilities, keys);
    }
}
