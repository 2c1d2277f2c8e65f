using Serverless.Training.MlNet;

namespace Serverless.Training.Onnx;

internal static partial class TreeEnsembleOnnxExporter
{
    /// <remarks>
    /// ML.NET computes <c>p = 1 / (1 + exp(a * s + b))</c> with <c>s</c> the sum of the trees' leaf values and
    /// <c>(a, b)</c> the Platt slope and offset. The export folds the calibrator into the trees: every leaf weight
    /// is <c>-a * leaf</c> and the base value is <c>-b</c>, so ONNX's LOGISTIC post-transform gives the same
    /// probability. Classes: one weight per leaf on class 0, two labels — ONNX Runtime's binary case, whose
    /// probabilities are <c>[1 - p, p]</c> and whose label is 1 exactly when the folded score is &gt; 0.
    /// </remarks>
    private static byte[] ExportBinary(TrainedModel model, IReadOnlyList<string> classLabels, string inputName, string producerVersion)
    {
        var ensemble = model.Ensembles[0];
        RequireNoBias(ensemble);
        var (slope, offset) = model.Platt!.Value;
        var nodes = new TreeNodes();
        var baseValue = -offset;
        foreach (var tree in ensemble.Trees)
        {
            AddTree(nodes, tree, model.FeatureCount, leaf => (float)(-slope * leaf), 0);
        }

        if (!nodes.Weights.Any(w => w < 0))
        {
            // ONNX Runtime thresholds the label at 0.5 instead of 0 when no leaf weight is negative; a single-leaf
            // tree of weight -1, balanced by the base value, keeps the usual rule without changing the sum.
            nodes.AddLeaf(nodes.TreeCount++, 0, -1);
            baseValue += 1;
        }

        return Classifier("binary_tree_ensemble", nodes, classLabels, [(float)baseValue], "LOGISTIC", model.FeatureCount, inputName, producerVersion);
    }

    /// <remarks>
    /// ML.NET's softmax one-versus-all model scores each class with its own ensemble and normalizes with softmax;
    /// the export puts every class's trees in one classifier (leaf weights on that class's id) with SOFTMAX.
    /// </remarks>
    private static byte[] ExportMulticlass(TrainedModel model, IReadOnlyList<string> classLabels, string inputName, string producerVersion)
    {
        var nodes = new TreeNodes();
        for (var c = 0; c < model.Ensembles.Count; c++)
        {
            RequireNoBias(model.Ensembles[c]);
            foreach (var tree in model.Ensembles[c].Trees)
            {
                AddTree(nodes, tree, model.FeatureCount, leaf => leaf, c);
            }
        }

        return Classifier("multiclass_tree_ensemble", nodes, classLabels, new float[classLabels.Count], "SOFTMAX", model.FeatureCount, inputName, producerVersion);
    }

    private static byte[] Classifier(
        string name, TreeNodes nodes, IReadOnlyList<string> classLabels, float[] baseValues, string postTransform, int featureCount, string inputName,
        string producerVersion)
    {
        var (labels, labelType) = ClassLabelsAttribute(classLabels);
        var classifier = Node("TreeEnsembleClassifier", MlDomain, [inputName], [LabelOutput, ProbabilitiesOutput]);
        classifier.Attribute.Add(nodes.ToAttributes("class", doubleWeights: false));
        classifier.Attribute.Add(labels);
        classifier.Attribute.Add(OnnxAttributes.Floats("base_values", baseValues));
        classifier.Attribute.Add(OnnxAttributes.String("post_transform", postTransform));
        return Model(name, [classifier], OnnxTypes.Tensor(inputName, OnnxTypes.Float, "N", featureCount),
            [OnnxTypes.Tensor(LabelOutput, labelType, "N"), OnnxTypes.Tensor(ProbabilitiesOutput, OnnxTypes.Float, "N", classLabels.Count)],
            producerVersion);
    }
}
