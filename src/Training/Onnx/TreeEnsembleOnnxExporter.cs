using Google.Protobuf;
using Microsoft.ML.Trainers.FastTree;
using Serverless.Training.Onnx.Proto;

namespace Serverless.Training.Onnx;

/// <summary>
/// Writes a calibrated ML.NET binary tree ensemble as one ONNX <c>ai.onnx.ml.TreeEnsembleClassifier</c>.
/// </summary>
/// <remarks>
/// ML.NET computes <c>p = 1 / (1 + exp(a * s + b))</c> with <c>s</c> the sum of the trees' leaf values and
/// <c>(a, b)</c> the Platt slope and offset. The export folds the calibrator into the trees: every leaf weight
/// is <c>-a * leaf</c> and the base value is <c>-b</c>, so ONNX's LOGISTIC post-transform gives the same
/// probability. Classes: one weight per leaf on class 0, two labels — ONNX Runtime's binary case, whose
/// probabilities are <c>[1 - p, p]</c> and whose label is 1 exactly when the folded score is &gt; 0.
/// Splits are BRANCH_LEQ on the raw float thresholds ML.NET compares against; NaN routing follows
/// <see cref="MissingValueDefaults"/>.
/// </remarks>
internal static class TreeEnsembleOnnxExporter
{
    public const string LabelOutput = "label";
    public const string ProbabilitiesOutput = "probabilities";
    private const string MlDomain = "ai.onnx.ml";

    public static byte[] Export(RegressionTreeEnsemble ensemble, double plattSlope, double plattOffset, int featureCount, string inputName, string producerVersion)
    {
        if (ensemble.Bias != 0)
        {
            // ML.NET's scorer ignores the ensemble bias, so a non-zero one has no agreed meaning to export.
            throw new InvalidOperationException($"Tree ensembles with a bias ({ensemble.Bias}) are not supported by the ONNX export.");
        }

        var nodes = new NodeColumns();
        var scale = -plattSlope;
        var baseValue = -plattOffset;
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.NumberOfNodes == 0)
            {
                // ML.NET scores an empty tree as 0, so leaving it out changes nothing.
                continue;
            }

            if (tree.CategoricalSplitFlags.Any(flag => flag))
            {
                throw new InvalidOperationException($"Tree {t} has a categorical split; training must disable categorical splits.");
            }

            AddTree(nodes, nodes.TreeCount++, tree, MissingValueDefaults.Of(tree), scale, featureCount);
        }

        if (!nodes.Weights.Any(w => w < 0))
        {
            // ONNX Runtime thresholds the label at 0.5 instead of 0 when no leaf weight is negative; a single-leaf
            // tree of weight -1, balanced by the base value, keeps the usual rule without changing the sum.
            nodes.AddLeaf(nodes.TreeCount++, 0, -1f);
            baseValue += 1;
        }

        var classifier = new NodeProto { Name = "TreeEnsembleClassifier", OpType = "TreeEnsembleClassifier", Domain = MlDomain };
        classifier.Input.Add(inputName);
        classifier.Output.Add(LabelOutput);
        classifier.Output.Add(ProbabilitiesOutput);
        classifier.Attribute.Add(nodes.ToAttributes());
        classifier.Attribute.Add(OnnxAttributes.Ints("classlabels_int64s", [0, 1]));
        classifier.Attribute.Add(OnnxAttributes.Floats("base_values", [(float)baseValue]));
        classifier.Attribute.Add(OnnxAttributes.String("post_transform", "LOGISTIC"));

        var graph = new GraphProto { Name = "binary_tree_ensemble" };
        graph.Node.Add(classifier);
        graph.Input.Add(OnnxTypes.Tensor(inputName, OnnxTypes.Float, "N", featureCount));
        graph.Output.Add(OnnxTypes.Tensor(LabelOutput, OnnxTypes.Int64, "N"));
        graph.Output.Add(OnnxTypes.Tensor(ProbabilitiesOutput, OnnxTypes.Float, "N", 2));

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "Serverless.Training",
            ProducerVersion = producerVersion,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = 3 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    private static void AddTree(NodeColumns nodes, int treeId, RegressionTree tree, float[]? defaults, double scale, int featureCount)
    {
        // ONNX node ids: ML.NET's internal nodes keep their index; leaf k (child ~k in ML.NET) becomes internal count + k.
        var internalCount = tree.NumberOfNodes;
        long Id(int child) => child >= 0 ? child : internalCount + ~child;
        for (var node = 0; node < internalCount; node++)
        {
            var feature = tree.NumericalSplitFeatureIndexes[node];
            if (feature < 0 || feature >= featureCount)
            {
                throw new InvalidOperationException($"Tree {treeId} splits on feature {feature}, outside the {featureCount} inputs.");
            }

            var threshold = tree.NumericalSplitThresholds[node];
            nodes.AddBranch(treeId, node, feature, threshold, Id(tree.LeftChild[node]), Id(tree.RightChild[node]),
                MissingValueDefaults.MissingGoesLeft(defaults, threshold, node));
        }

        for (var leaf = 0; leaf < tree.NumberOfLeaves; leaf++)
        {
            nodes.AddLeaf(treeId, internalCount + leaf, (float)(scale * tree.LeafValues[leaf]));
        }
    }
}
