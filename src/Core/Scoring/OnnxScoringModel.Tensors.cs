using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

public sealed partial class OnnxScoringModel
{
    private readonly IReadOnlyDictionary<string, NodeMetadata> _inputs;
    private readonly IReadOnlyDictionary<string, NodeMetadata> _outputs;
    private readonly string[] _tensorOutputNames;

    /// <inheritdoc />
    public IReadOnlyList<InferenceTensor> Infer(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputs = null)
    {
        var model = Manifest.Name;
        var names = new string[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var tensor = inputs[i];
            if (!_inputs.TryGetValue(tensor.Name, out var expected))
            {
                throw new InvalidInferenceInputException(
                    $"Input '{tensor.Name}' is not an input of model '{model}'; its inputs are: {string.Join(", ", _inputs.Keys)}.");
            }

            if (Array.IndexOf(names, tensor.Name, 0, i) >= 0)
            {
                throw new InvalidInferenceInputException($"Input '{tensor.Name}' is given twice.");
            }

            OrtTensors.Validate(tensor, expected, model);
            names[i] = tensor.Name;
        }

        foreach (var required in _inputs.Keys)
        {
            if (Array.IndexOf(names, required) < 0)
            {
                throw new InvalidInferenceInputException(
                    $"Input '{required}' is missing; model '{model}' needs inputs: {string.Join(", ", _inputs.Keys)}.");
            }
        }

        var outputNames = outputs is null ? _tensorOutputNames : CheckOutputs(outputs);
        var values = new List<OrtValue>(inputs.Count);
        Enter();
        try
        {
            foreach (var tensor in inputs)
            {
                values.Add(OrtTensors.ToOrtValue(tensor));
            }

            using var results = _session.Run(_runOptions, names, values, outputNames);
            var tensors = new InferenceTensor[outputNames.Length];
            for (var i = 0; i < tensors.Length; i++)
            {
                tensors[i] = OrtTensors.FromOrtValue(outputNames[i], results[i]);
            }

            return tensors;
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }

            Exit();
        }
    }

    private string[] CheckOutputs(IReadOnlyList<string> outputs)
    {
        var names = new string[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            var name = outputs[i];
            if (!_outputs.TryGetValue(name, out var meta))
            {
                throw new InvalidInferenceInputException(
                    $"Output '{name}' is not an output of model '{Manifest.Name}'; its outputs are: {string.Join(", ", _outputs.Keys)}.");
            }

            if (!meta.IsTensor)
            {
                throw new InvalidInferenceInputException(
                    $"Output '{name}' is a {meta.OnnxValueType}, which the Open Inference Protocol cannot carry; request a tensor output.");
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
