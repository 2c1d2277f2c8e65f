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
        Enter();
        try
        {
            return OrtTensors.Run(_session, _runOptions, inputs, names, outputNames);
        }
        finally
        {
            Exit();
        }
    }
}
