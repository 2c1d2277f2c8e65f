using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Serverless.Core.Serialization;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// Parses an Open Inference Protocol infer request with <see cref="Utf8JsonReader"/> into typed tensors.
/// </summary>
/// <remarks>
/// Fields may come in any order (<c>data</c> before <c>datatype</c> is read once the datatype is known).
/// <c>data</c> may be flat or nested; it must hold exactly <c>product(shape)</c> values of the datatype
/// (integers in range, FP32 within float range, booleans for BOOL, strings for BYTES). Unknown fields are
/// refused; <c>parameters</c> objects are accepted and ignored. Errors name the input
/// (<c>inputs[1] ('age')</c>). Model-specific checks are <see cref="IScoringModel.Infer"/>'s. Thread-safe.
/// </remarks>
public static partial class InferRequestReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 32 };

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out InferRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            if (!TryReadBody(ref reader, out request, out error))
            {
                request = null;
                return false;
            }

            while (reader.Read())
            {
                // Drain: trailing content after the object makes the reader throw.
            }

            return true;
        }
        catch (JsonException e)
        {
            request = null;
            error = $"The body is not valid JSON: {e.Message}";
            return false;
        }
    }

    private static bool TryReadBody(ref Utf8JsonReader reader, [NotNullWhen(true)] out InferRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = """The body must be a JSON object: { "inputs": [ { "name", "shape", "datatype", "data" } ] }.""";
            return false;
        }

        string? id = null;
        List<InferenceTensor>? inputs = null;
        List<string>? outputs = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = JsonText.GetString(ref reader, "A request field name");
            reader.Read();
            switch (field)
            {
                case "id":
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        error = "'id' must be a string.";
                        return false;
                    }

                    id = JsonText.GetString(ref reader, "'id'");
                    break;
                case "parameters":
                    if (!TrySkipObject(ref reader, "'parameters'", out error))
                    {
                        return false;
                    }

                    break;
                case "inputs" when inputs is null:
                    if (!TryReadInputs(ref reader, out inputs, out error))
                    {
                        return false;
                    }

                    break;
                case "outputs" when outputs is null:
                    if (!TryReadOutputs(ref reader, out outputs, out error))
                    {
                        return false;
                    }

                    break;
                case "inputs" or "outputs":
                    error = $"'{field}' is given twice.";
                    return false;
                default:
                    error = $"'{field}' is not an infer request field; expected id, parameters, inputs, outputs.";
                    return false;
            }
        }

        if (inputs is null)
        {
            error = "The request has no 'inputs' array.";
            return false;
        }

        request = new InferRequest(id, inputs, outputs);
        error = null;
        return true;
    }

    private static bool TryReadInputs(ref Utf8JsonReader reader, [NotNullWhen(true)] out List<InferenceTensor>? inputs, [NotNullWhen(false)] out string? error)
    {
        inputs = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = "'inputs' must be an array of tensors.";
            return false;
        }

        var list = new List<InferenceTensor>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!TryReadInput(ref reader, list.Count, out var tensor, out error))
            {
                return false;
            }

            list.Add(tensor);
        }

        if (list.Count == 0)
        {
            error = "'inputs' is empty; send at least one input tensor.";
            return false;
        }

        inputs = list;
        error = null;
        return true;
    }

    private static bool TryReadOutputs(ref Utf8JsonReader reader, [NotNullWhen(true)] out List<string>? outputs, [NotNullWhen(false)] out string? error)
    {
        outputs = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = """'outputs' must be an array of { "name": ... } objects.""";
            return false;
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var where = $"outputs[{list.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = $"{where} must be an object with a 'name'.";
                return false;
            }

            string? name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = JsonText.GetString(ref reader, $"A field name in {where}");
                reader.Read();
                if (field == "name" && reader.TokenType == JsonTokenType.String)
                {
                    name = JsonText.GetString(ref reader, $"{where}.name");
                }
                else if (field == "parameters")
                {
                    if (!TrySkipObject(ref reader, $"{where}.parameters", out error))
                    {
                        return false;
                    }
                }
                else
                {
                    error = field == "name" ? $"{where}.name must be a string." : $"{where}.{field} is not an output field; expected name, parameters.";
                    return false;
                }
            }

            if (name is null)
            {
                error = $"{where} has no 'name'.";
                return false;
            }

            list.Add(name);
        }

        outputs = list;
        error = null;
        return true;
    }

    private static bool TrySkipObject(ref Utf8JsonReader reader, string what, [NotNullWhen(false)] out string? error)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"{what} must be an object.";
            return false;
        }

        reader.Skip();
        error = null;
        return true;
    }
}
