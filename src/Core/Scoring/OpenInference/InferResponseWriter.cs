using System.Globalization;
using System.Text.Json;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// Writes an Open Inference Protocol infer response:
/// <c>{ "model_name", "model_version", "id"?, "outputs": [ { "name", "datatype", "shape", "parameters"?, "data" } ] }</c>.
/// Datatypes and shapes are those the model produced; a ZipMap output is FP32 <c>[N, classes]</c> with
/// <c>parameters.classes</c>. Non-finite floats (JSON has none) are written as null.
/// Stateless; thread-safe.
/// </summary>
public static class InferResponseWriter
{
    public static void Write(Utf8JsonWriter writer, string model, int version, string? id, IReadOnlyList<InferenceTensor> outputs)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name", model);
        writer.WriteString("model_version", version.ToString(CultureInfo.InvariantCulture));
        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        writer.WriteStartArray("outputs");
        foreach (var output in outputs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", output.Name);
            writer.WriteString("datatype", output.Datatype);
            writer.WriteStartArray("shape");
            foreach (var dim in output.Shape)
            {
                writer.WriteNumberValue(dim);
            }

            writer.WriteEndArray();
            if (output.Classes is { } classes)
            {
                writer.WriteStartObject("parameters");
                writer.WriteStartArray("classes");
                foreach (var label in classes)
                {
                    writer.WriteStringValue(label);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WritePropertyName("data");
            WriteData(writer, output.Datatype, output.Data);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteData(Utf8JsonWriter writer, string datatype, Array data)
    {
        writer.WriteStartArray();
        // Dispatch on the datatype: array pattern matching would let a ulong[] pass as long[].
        switch (datatype)
        {
            case OipDatatype.Fp32:
                foreach (var v in (float[])data)
                {
                    if (float.IsFinite(v)) { writer.WriteNumberValue(v); } else { writer.WriteNullValue(); }
                }

                break;
            case OipDatatype.Fp64:
                foreach (var v in (double[])data)
                {
                    if (double.IsFinite(v)) { writer.WriteNumberValue(v); } else { writer.WriteNullValue(); }
                }

                break;
            case OipDatatype.Int64: foreach (var v in (long[])data) { writer.WriteNumberValue(v); } break;
            case OipDatatype.Int32: foreach (var v in (int[])data) { writer.WriteNumberValue(v); } break;
            case OipDatatype.Int16: foreach (var v in (short[])data) { writer.WriteNumberValue(v); } break;
            case OipDatatype.Int8: foreach (var v in (sbyte[])data) { writer.WriteNumberValue(v); } break;
            case OipDatatype.UInt64: foreach (var v in (ulong[])data) { writer.WriteNumberValue(v); } break;
            case OipDatatype.UInt32: foreach (var v in (uint[])data) { writer.WriteNumberValue(v); } break;
            case OipDatatype.UInt16: foreach (var v in (ushort[])data) { writer.WriteNumberValue(v); } break;
            case OipDatatype.UInt8: foreach (var v in (byte[])data) { writer.WriteNumberValue(v); } break;
            case OipDatatype.Bool: foreach (var v in (bool[])data) { writer.WriteBooleanValue(v); } break;
            case OipDatatype.Bytes: foreach (var v in (string[])data) { writer.WriteStringValue(v); } break;
            default: throw new ArgumentException($"Unsupported datatype {datatype}.", nameof(datatype));
        }

        writer.WriteEndArray();
    }
}
