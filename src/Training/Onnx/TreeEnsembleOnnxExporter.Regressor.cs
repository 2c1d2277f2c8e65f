using Serverless.Training.MlNet;

namespace Serverless.Training.Onnx;

internal static partial class TreeEnsembleOnnxExporter
{
    private const string DoubleFeatures = "features_double";

    /// <remarks>
    /// ML.NET sums the trees' double leaf values in double and rounds the sum to float once. ONNX Runtime sums in
    /// the input's precision, so the graph casts the float features to double (exact) and gives the leaf weights as a
    /// double tensor: comparisons see the same floats and the sum is ML.NET's, rounded to float at the output.
    /// </remarks>
    private static byte[] ExportRegression(TrainedModel model, string inputName, string producerVersion)
    {
        var ensemble = model.Ensembles[0];
        RequireNoBias(ensemble);
        var nodes = new TreeNodes();
        foreach (var tree in ensemble.Trees)
        {
            AddTree(nodes, tree, model.FeatureCount, leaf => leaf, 0);
        }

        var cast = Node("Cast", "", [inputName], [DoubleFeatures]);
        cast.Attribute.Add(OnnxAttributes.Int("to", OnnxTypes.Double));
        var regressor = Node("TreeEnsembleRegressor", MlDomain, [DoubleFeatures], [ValueOutput]);
        regressor.Attribute.Add(nodes.ToAttributes("target", doubleWeights: true));
        regressor.Attribute.Add(OnnxAttributes.Int("n_targets", 1));
        regressor.Attribute.Add(OnnxAttributes.String("aggregate_function", "SUM"));
        regressor.Attribute.Add(OnnxAttributes.String("post_transform", "NONE"));
        return Model("regression_tree_ensemble", [cast, regressor], OnnxTypes.Tensor(inputName, OnnxTypes.Float, "N", model.FeatureCount),
            [OnnxTypes.Tensor(ValueOutput, OnnxTypes.Float, "N", 1)], producerVersion);
    }
}
