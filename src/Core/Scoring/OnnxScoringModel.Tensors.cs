using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

public sealed partial class OnnxScoringModel
{
    private readonly IReadOnlyDictionary<string, NodeMetadata> _inputs;
    private readonly IReadOnlyDictionary<string, NodeMetadata> _outputs;
    private readonly InferenceSignature _signature;

    /// <inheritdoc />
    public IReadOnlyList<InferenceTensor> Infer(IReadOnlyList<InferenceTensor> inputs, IReadOnlyList<string>? outputs = null)
    {
        var names = _signature.CheckInputs(inputs);
        var outputNames = _signature.ResolveOutputs(outputs);
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
}
