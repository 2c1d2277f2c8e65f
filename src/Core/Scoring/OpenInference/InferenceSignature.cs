using Microsoft.ML.OnnxRuntime;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// The inputs and outputs of one ONNX session, and the checks an Open Inference Protocol request passes before it runs.
/// </summary>
/// <remarks>
/// Every server of OIP requests (the function app and the GPU app alike) checks through this type, so a bad request
/// gets the same message from either. Immutable; thread-safe.
/// </remarks>
public sealed class InferenceSignature
{
    private readonly string _model;

    public InferenceSignature(string model, IReadOnlyDictionary<string, NodeMetadata> inputs, IReadOnlyDictionary<string, NodeMetadata> outputs, IEnumerable<string> outputOrder)
    {
        _model = model;
        Inputs = inputs;
        Outputs = outputs;
        TensorOutputNames = [.. outputOrder.Where(n => outputs[n].IsTensor || ZipMapOutput.IsZipMap(outputs[n]))];
    }

    public IReadOnlyDictionary<string, NodeMetadata> Inputs { get; }

    public IReadOnlyDictionary<string, NodeMetadata> Outputs { get; }

    /// <summary>The outputs a request that names none receives, in session order: tensors and ZipMaps (as FP32 [N, classes]).</summary>
    public string[] TensorOutputNames { get; }

    /// <summary>Checks every input against the session and returns their names in request order.</summary>
    /// <exception cref="InvalidInferenceInputException">An input is unknown, duplicated, missing or does not fit.</exception>
    public string[] CheckInputs(IReadOnlyList<InferenceTensor> inputs)
    {
        var names = new string[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var tensor = inputs[i];
            if (!Inputs.TryGetValue(tensor.Name, out var expected))
            {
                throw new InvalidInferenceInputException(
                    $"Input '{tensor.Name}' is not an input of model '{_model}'; its inputs are: {string.Join(", ", Inputs.Keys)}.");
            }

            if (Array.IndexOf(names, tensor.Name, 0, i) >= 0)
            {
                throw new InvalidInferenceInputException($"Input '{tensor.Name}' is given twice.");
            }

            OrtTensors.Validate(tensor, expected, _model);
            names[i] = tensor.Name;
        }

        foreach (var required in Inputs.Keys)
        {
            if (Array.IndexOf(names, required) < 0)
            {
                throw new InvalidInferenceInputException(
                    $"Input '{required}' is missing; model '{_model}' needs inputs: {string.Join(", ", Inputs.Keys)}.");
            }
        }

        return names;
    }

    /// <summary>The outputs to compute: <see cref="TensorOutputNames"/> when <paramref name="outputs"/> is null, else those, checked.</summary>
    /// <exception cref="InvalidInferenceInputException">An output is unknown, not a tensor, or requested twice.</exception>
    public string[] ResolveOutputs(IReadOnlyList<string>? outputs)
    {
        if (outputs is null)
        {
            return TensorOutputNames;
        }

        var names = new string[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var name = outputs[i];
            if (!Outputs.TryGetValue(name, out var meta))
            {
                throw new InvalidInferenceInputException(
                    $"Output '{name}' is not an output of model '{_model}'; its outputs are: {string.Join(", ", Outputs.Keys)}.");
            }

            if (!meta.IsTensor && !ZipMapOutput.IsZipMap(meta))
            {
                throw new InvalidInferenceInputException(
                    $"Output '{name}' is a {meta.OnnxValueType}, which the Open Inference Protocol cannot carry; request a tensor or ZipMap output.");
            }

            if (Array.IndexOf(names, name, 0, i) >= 0)
            {
                throw new InvalidInferenceInputException($"Output '{name}' is requested twice.");
            }

            names[i] = name;
        }

        return names;
    }
}
