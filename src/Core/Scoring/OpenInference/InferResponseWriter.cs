using System.Globalization;
using System.Text.Json;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// Writes an Open Inference Protocol infer response:
/// <c>{ "model_name", "model_version", "id"?, "outputs": [ { "name", "datatype", "shape", "data" } ] }</c>.
/// Datatypes and shapes are those the model produced. Non-finite floats (JSON has none) are written as null.
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
            writer.WritePropertyName("data");
            WriteData(writer, output.Data);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteData(Utf8JsonWriter writer, Array data)
    {
        writer.WriteStartArray();
        switch (data)
        {
            case float[] a:
                foreach (var v in a)
                {
                    if (float.IsFinite(v)) { writer.WriteNumberValue(v); } else { writer.WriteNullValue(); }
                }

                break;
            case double[] a:
                foreach (var v in a)
                {
                    if (double.IsFinite(v)) { writer.WriteNumberValue(v); } else { writer.WriteNullValue(); }
                }

                break;
            case long[] a: foreach (var v in a) { writer.WriteNumberValue(v); } break;
            case int[] a: foreach (var v in a) { writer.WriteNumberValue(v); } break;
            case short[] a: foreach (var v in a) { writer.WriteNumberValue(v); } break;
            case sbyte[] a: foreach (var v in a) { writer.WriteNumberValue(v); } break;
            case ulong[] a: foreach (var v in a) { writer.WriteNumberValue(v); } break;
            case uint[] a: foreach (var v in a) { writer.WriteNumberValue(v); } break;
            case ushort[] a: foreach (var v in a) { writer.WriteNumberValue(v); } break;
            case byte[] a: foreach (var v in a) { writer.WriteNumberValue(v); } break;
            case bool[] a: foreach (var v in a) { writer.WriteBooleanValue(v); } break;
            case string[] a: foreach (var v in a) { writer.WriteStringValue(v); } break;
            default: throw new ArgumentException($"Unsupported tensor data {data.GetType().Name}.", nameof(data));
        }

        writer.WriteEndArray();
    }
}
