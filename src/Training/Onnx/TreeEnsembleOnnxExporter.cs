using Google.Protobuf;
using Microsoft.ML.Trainers.FastTree;
using Serverless.Training.MlNet;
using Serverless.Training.Onnx.Proto;
using Serverless.Training.Spec;

namespace Serverless.Training.Onnx;

/// <summary>
/// Writes an ML.NET tree ensemble as ONNX: one <c>ai.onnx.ml.TreeEnsembleClassifier</c> (binary, multiclass) or
/// <c>TreeEnsembleRegressor</c> (regression) that reproduces ML.NET's predictions on the same float features.
/// </summary>
/// <remarks>
/// Every graph takes <c>features</c> float <c>[N, F]</c>. Classifiers return <c>label</c> <c>[N]</c> (int64 when the
/// class labels are 0..C-1, else string: the class names) and <c>probabilities</c> float <c>[N, C]</c>; the regressor
/// returns <c>value</c> float <c>[N, 1]</c>. Splits are BRANCH_LEQ on the raw float thresholds ML.NET compares
/// against; NaN routing follows <see cref="MissingValueDefaults"/>.
/// </remarks>
internal static partial class TreeEnsembleOnnxExporter
{
    public const string LabelOutput = "label";
    public const string ProbabilitiesOutput = "probabilities";
    public const string ValueOutput = "value";
    private const string MlDomain = "ai.onnx.ml";

    public static byte[] Export(TrainedModel model, IReadOnlyList<string> classLabels, string inputName, string producerVersion) => model.Task switch
    {
        TrainingTask.Binary => ExportBinary(model, classLabels, inputName, producerVersion),
        TrainingTask.Multiclass => ExportMulticlass(model, classLabels, inputName, producerVersion),
        _ => ExportRegression(model, inputName, producerVersion),
    };

    /// <summary>Adds one ML.NET tree; <paramref name="weight"/> turns its leaf value into the exported leaf weight.</summary>
    private static void AddTree(TreeNodes nodes, RegressionTree tree, int featureCount, Func<double, double> weight, int classId)
    {
        if (tree.NumberOfNodes == 0)
        {
            // ML.NET scores an empty (single-leaf) tree as 0, so leaving it out changes nothing.
            return;
        }

        if (tree.CategoricalSplitFlags.Any(flag => flag))
        {
            throw new InvalidOperationException("A tree has a categorical split; training must disable categorical splits.");
        }

        var treeId = nodes.TreeCount++;
        var defaults = MissingValueDefaults.Of(tree);
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
            nodes.AddLeaf(treeId, internalCount + leaf, weight(tree.LeafValues[leaf]), classId);
        }
    }

    private static void RequireNoBias(RegressionTreeEnsemble ensemble)
    {
        if (ensemble.Bias != 0)
        {
            // ML.NET's scorer ignores the ensemble bias, so a non-zero one has no agreed meaning to export.
            throw new InvalidOperationException($"Tree ensembles with a bias ({ensemble.Bias}) are not supported by the ONNX export.");
        }
    }

    /// <summary>The classifier's class-label attribute: int64 when the labels are exactly 0..C-1, else the names as strings.</summary>
    private static (AttributeProto Attribute, int ElementType) ClassLabelsAttribute(IReadOnlyList<string> classLabels) =>
        classLabels.Select((l, i) => l == i.ToString(System.Globalization.CultureInfo.InvariantCulture)).All(x => x)
            ? (OnnxAttributes.Ints("classlabels_int64s", Enumerable.Range(0, classLabels.Count).Select(i => (long)i)), OnnxTypes.Int64)
            : (OnnxAttributes.Strings("classlabels_strings", classLabels), OnnxTypes.String);

    private static byte[] Model(string name, IEnumerable<NodeProto> nodes, ValueInfoProto input, IEnumerable<ValueInfoProto> outputs, string producerVersion)
    {
        var graph = new GraphProto { Name = name };
        graph.Node.Add(nodes);
        graph.Input.Add(input);
        graph.Output.Add(outputs);
        var model = new ModelProto { IrVersion = 8, ProducerName = "Serverless.Training", ProducerVersion = producerVersion, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = 3 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    private static NodeProto Node(string opType, string domain, IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        var node = new NodeProto { Name = opType, OpType = opType, Domain = domain };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        return node;
    }
}
