namespace Serverless.Core.Models;

/// <summary>The feature schema a model registered without one gets, so that records can score it.</summary>
internal static class DefaultFeatureSchema
{
    /// <summary>
    /// For one float input <c>[N, k]</c> with a fixed <c>k</c>: numeric, optional features <c>f0..f{k-1}</c> feeding
    /// that input's columns in order (a manifest with its own schema renames them). For numeric or boolean column inputs,
    /// one feature per input (<see cref="FeatureInputs.Default"/>). Null for any other input layout.
    /// </summary>
    public static FeatureSchema? For(IReadOnlyList<TensorSpec> inputs)
    {
        if (inputs is not [{ Datatype: "FP32", Shape: [_, > 0 and <= 100_000 and var width] } input])
        {
            return FeatureInputs.Default(inputs);
        }

        var features = new FeatureDefinition[width];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = new FeatureDefinition($"f{i}", FeatureKind.Numeric);
        }

        return new FeatureSchema(input.Name, features);
    }
}
