namespace Serverless.Core.Models;

/// <summary>Guesses what a model's outputs mean when the registrant did not say.</summary>
internal static class ModelTaskInference
{
    /// <remarks>
    /// Classifiers exported by ONNX converters (ours, skl2onnx, onnxmltools) have a label output (integer or
    /// string) plus probabilities (a float matrix or a ZipMap sequence); a single float output is a regressor.
    /// </remarks>
    public static ModelTask Infer(IReadOnlyList<TensorSpec> outputs)
    {
        var hasLabel = outputs.Any(o => o.Datatype is "INT64" or "INT32" or "BYTES" && o.Shape.Count <= 1);
        var hasScores = outputs.Any(o => o.Datatype == OnnxModelInspector.NonTensor || (o.Datatype == "FP32" && o.Shape.Count == 2));
        if (outputs.Count == 2 && hasLabel && hasScores)
        {
            return ModelTask.Classification;
        }

        if (outputs.Count == 1 && outputs[0].Datatype is "FP32" or "FP64"
            && (outputs[0].Shape.Count == 1 || (outputs[0].Shape.Count == 2 && outputs[0].Shape[1] == 1)))
        {
            return ModelTask.Regression;
        }

        return ModelTask.Other;
    }
}
