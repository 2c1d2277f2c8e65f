using System.Reflection;
using Microsoft.ML.Trainers.FastTree;

namespace Serverless.Training.Onnx;

/// <summary>
/// Reads the value ML.NET substitutes for a missing (NaN) feature at each split of a tree.
/// </summary>
/// <remarks>
/// ML.NET evaluates a split as <c>(IsNaN(x) ? default[node] : x) &lt;= threshold</c> when the tree has defaults,
/// and as plain <c>x &lt;= threshold</c> (so NaN takes the "greater" branch) when it has none. LightGBM trees get
/// defaults from LightGBM's learned missing direction (threshold = left, threshold + 1 = right, 0 when the feature
/// had no missing values in training). The array is internal to ML.NET (<c>InternalRegressionTree.DefaultValueForMissing</c>)
/// and not on the public <see cref="RegressionTree"/>, hence reflection; the parity tests fail loudly if a
/// future ML.NET moves it.
/// </remarks>
internal static class MissingValueDefaults
{
    private static readonly FieldInfo TreeField =
        typeof(RegressionTreeBase).GetField("_tree", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("This ML.NET version has no RegressionTreeBase._tree; the ONNX export cannot read missing-value routing.");

    private static readonly FieldInfo DefaultsField =
        TreeField.FieldType.GetField("DefaultValueForMissing", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("This ML.NET version has no DefaultValueForMissing on its internal tree; the ONNX export cannot read missing-value routing.");

    /// <summary>The per-node substitutes for NaN, or null when NaN is compared as is.</summary>
    public static float[]? Of(RegressionTreeBase tree)
    {
        var inner = TreeField.GetValue(tree)
            ?? throw new InvalidOperationException("An ML.NET regression tree has no internal tree.");
        return (float[]?)DefaultsField.GetValue(inner);
    }

    /// <summary>Whether a NaN at <paramref name="node"/> goes to the "&lt;= threshold" child, exactly as ML.NET decides.</summary>
    public static bool MissingGoesLeft(float[]? defaults, float threshold, int node) =>
        defaults is not null && defaults[node] <= threshold;
}
