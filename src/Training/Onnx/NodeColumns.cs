using Serverless.Training.Onnx.Proto;

namespace Serverless.Training.Onnx;

/// <summary>The column-wise node and leaf-weight attributes of a TreeEnsembleClassifier, filled node by node.</summary>
internal sealed class NodeColumns
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

    /// <summary>Trees added so far; callers use it as the next tree id.</summary>
    public int TreeCount { get; set; }

    public List<float> Weights { get; } = [];

    public void AddBranch(int treeId, long nodeId, int feature, float threshold, long trueId, long falseId, bool missingGoesTrue)
    {
        Add(treeId, nodeId, feature, "BRANCH_LEQ", threshold, trueId, falseId, missingGoesTrue ? 1 : 0);
    }

    /// <summary>A leaf whose weight goes to class 0 (the single score of the binary case).</summary>
    public void AddLeaf(int treeId, long nodeId, float weight)
    {
        Add(treeId, nodeId, 0, "LEAF", 0, 0, 0, 0);
        _weightTreeIds.Add(treeId);
        _weightNodeIds.Add(nodeId);
        Weights.Add(weight);
    }

    public IEnumerable<AttributeProto> ToAttributes() =>
    [
        OnnxAttributes.Ints("nodes_treeids", _treeIds),
        OnnxAttributes.Ints("nodes_nodeids", _nodeIds),
        OnnxAttributes.Ints("nodes_featureids", _featureIds),
        OnnxAttributes.Strings("nodes_modes", _modes),
        OnnxAttributes.Floats("nodes_values", _values),
        OnnxAttributes.Ints("nodes_truenodeids", _trueIds),
        OnnxAttributes.Ints("nodes_falsenodeids", _falseIds),
        OnnxAttributes.Ints("nodes_missing_value_tracks_true", _missingTracksTrue),
        OnnxAttributes.Ints("class_treeids", _weightTreeIds),
        OnnxAttributes.Ints("class_nodeids", _weightNodeIds),
        OnnxAttributes.Ints("class_ids", _weightTreeIds.Select(_ => 0L)),
        OnnxAttributes.Floats("class_weights", Weights),
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
