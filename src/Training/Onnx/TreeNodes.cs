using Serverless.Training.Onnx.Proto;

namespace Serverless.Training.Onnx;

/// <summary>
/// The column-wise node and leaf-weight attributes of a TreeEnsembleClassifier (<c>class_*</c>) or
/// TreeEnsembleRegressor (<c>target_*</c>), filled node by node.
/// </summary>
internal sealed class TreeNodes
{
    private readonly List<long> _treeIds = [];
    private readonly List<long> _nodeIds = [];
    private readonly List<long> _featureIds = [];
    private readonly List<string> _modes = [];
    private readonly List<float> _values = [];
    private readonly List<long> _trueIds = [];
    private readonly List<long> _falseIds = [];
    private readonly List<long> _missingTracksTrue = [];
    private readonly List<long> _weightTreeIds = [];
    private readonly List<long> _weightNodeIds = [];
    private readonly List<long> _weightClassIds = [];

    /// <summary>Trees added so far; callers use it as the next tree id.</summary>
    public int TreeCount { get; set; }

    /// <summary>Leaf weights in full precision; written as floats or, with <c>doubleWeights</c>, as a double tensor.</summary>
    public List<double> Weights { get; } = [];

    public void AddBranch(int treeId, long nodeId, int feature, float threshold, long trueId, long falseId, bool missingGoesTrue) =>
        Add(treeId, nodeId, feature, "BRANCH_LEQ", threshold, trueId, falseId, missingGoesTrue ? 1 : 0);

    /// <summary>A leaf whose weight goes to class (or target) <paramref name="classId"/>.</summary>
    public void AddLeaf(int treeId, long nodeId, double weight, int classId = 0)
    {
        Add(treeId, nodeId, 0, "LEAF", 0, 0, 0, 0);
        _weightTreeIds.Add(treeId);
        _weightNodeIds.Add(nodeId);
        _weightClassIds.Add(classId);
        Weights.Add(weight);
    }

    /// <param name="prefix"><c>class</c> (classifier) or <c>target</c> (regressor).</param>
    /// <param name="doubleWeights">Write the weights as a double tensor (<c>{prefix}_weights_as_tensor</c>), for a double-input ensemble that sums in double.</param>
    public IEnumerable<AttributeProto> ToAttributes(string prefix, bool doubleWeights) =>
    [
        OnnxAttributes.Ints("nodes_treeids", _treeIds),
        OnnxAttributes.Ints("nodes_nodeids", _nodeIds),
        OnnxAttributes.Ints("nodes_featureids", _featureIds),
        OnnxAttributes.Strings("nodes_modes", _modes),
        OnnxAttributes.Floats("nodes_values", _values),
        OnnxAttributes.Ints("nodes_truenodeids", _trueIds),
        OnnxAttributes.Ints("nodes_falsenodeids", _falseIds),
        OnnxAttributes.Ints("nodes_missing_value_tracks_true", _missingTracksTrue),
        OnnxAttributes.Ints($"{prefix}_treeids", _weightTreeIds),
        OnnxAttributes.Ints($"{prefix}_nodeids", _weightNodeIds),
        OnnxAttributes.Ints($"{prefix}_ids", _weightClassIds),
        doubleWeights
            ? OnnxAttributes.Doubles($"{prefix}_weights_as_tensor", Weights)
            : OnnxAttributes.Floats($"{prefix}_weights", Weights.Select(w => (float)w)),
    ];

    private void Add(int treeId, long nodeId, int feature, string mode, float value, long trueId, long falseId, long missingTracksTrue)
    {
        _treeIds.Add(treeId);
        _nodeIds.Add(nodeId);
        _featureIds.Add(feature);
        _modes.Add(mode);
        _values.Add(value);
        _trueIds.Add(trueId);
        _falseIds.Add(falseId);
        _missingTracksTrue.Add(missingTracksTrue);
    }
}
