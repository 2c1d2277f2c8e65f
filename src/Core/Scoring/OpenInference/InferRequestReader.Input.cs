using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Serverless.Core.Serialization;

namespace Serverless.Core.Scoring.OpenInference;

public static partial class InferRequestReader
{
    private static bool TryReadInput(ref Utf8JsonReader reader, int index, [NotNullWhen(true)] out InferenceTensor? tensor, [NotNullWhen(false)] out string? error)
    {
        tensor = null;
        var where = $"inputs[{index}]";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"{where} must be an object with name, shape, datatype and data.";
            return false;
        }

        string? name = null, datatype = null;
        List<long>? shape = null;
        Utf8JsonReader data = default;
        var hasData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = JsonText.GetString(ref reader, $"A field name in {where}");
            reader.Read();
            switch (field)
            {
                case "name" when reader.TokenType == JsonTokenType.String:
                    name = JsonText.GetString(ref reader, $"{where}.name");
                    where = $"inputs[{index}] ('{name}')";
                    break;
                case "datatype" when reader.TokenType == JsonTokenType.String:
                    datatype = JsonText.GetString(ref reader, $"{where}.datatype");
                    break;
                case "shape":
                    if (!TryReadShape(ref reader, where, out shape, out error))
                    {
                        return false;
                    }

                    break;
                case "data":
                    // Read later, once the datatype is known: a copy of the reader remembers where.
                    data = reader;
                    hasData = true;
                    reader.Skip();
                    break;
                case "parameters":
                    if (!TrySkipObject(ref reader, $"{where}.parameters", out error))
                    {
                        return false;
                    }

                    break;
                case "name" or "datatype":
                    error = $"{where}.{field} must be a string.";
                    return false;
                default:
                    error = $"{where}.{field} is not an input field; expected name, shape, datatype, data, parameters.";
                    return false;
            }
        }

        error = name is null ? $"{where} has no 'name'."
            : shape is null ? $"{where} has no 'shape'."
            : datatype is null ? $"{where} has no 'datatype'."
            : !hasData ? $"{where} has no 'data'."
            : !OipDatatype.IsKnown(datatype) ? $"{where}: '{datatype}' is not an Open Inference Protocol datatype (BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES)."
            : OipDatatype.ClrType(datatype) is null ? $"{where}: datatype {datatype} is not supported in JSON requests."
            : null;
        if (error is not null)
        {
            return false;
        }

        long expected = 1;
        foreach (var dim in shape!)
        {
            expected = dim == 0 || expected <= int.MaxValue / dim ? expected * dim : long.MaxValue;
        }

        if (!TensorDataReader.TryRead(ref data, datatype!, out var values, out var count, out var elementError))
        {
            error = $"{where}: {elementError}";
            return false;
        }

        if (count != expected)
        {
            error = $"{where}: data has {count} elements; shape [{string.Join(",", shape!)}] needs {(expected == long.MaxValue ? "more than " + int.MaxValue : expected)}.";
            return false;
        }

        tensor = new InferenceTensor(name!, datatype!, [.. shape!], values);
        return true;
    }

    private static bool TryReadShape(ref Utf8JsonReader reader, string where, [NotNullWhen(true)] out List<long>? shape, [NotNullWhen(false)] out string? error)
    {
        shape = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = $"{where}.shape must be an array of non-negative integers.";
            return false;
        }

        var dims = new List<long>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dim) || dim < 0)
            {
                error = $"{where}.shape[{dims.Count}] must be a non-negative integer.";
                return false;
            }

            dims.Add(dim);
        }

        shape = dims;
        error = null;
        return true;
    }
}
