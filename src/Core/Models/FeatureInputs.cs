namespace Serverless.Core.Models;

/// <summary>
/// The rules for models that take one named input per feature (converted scikit-learn or CoreML pipelines): each
/// feature feeds the ONNX input of its name, a column <c>[N]</c> or <c>[N, 1]</c>, instead of one column of a float matrix.
/// </summary>
/// <remarks>
/// Records are still encoded to floats first (so batch scoring and monitoring see the same rows), then each column is
/// handed to its input in the input's type: FP32/FP64 as the value (missing = NaN), INT64/INT32 as the integer,
/// BOOL as the flag, BYTES (strings) as the category name. Only float inputs can carry a missing value, so features
/// feeding any other input must be required.
/// </remarks>
public static class FeatureInputs
{
    /// <summary>Why the schema cannot feed these inputs one per feature, or null when it can.</summary>
    public static string? Check(FeatureSchema schema, IReadOnlyList<TensorSpec> inputs)
    {
        if (inputs.Count != schema.Features.Count)
        {
            return $"With one input per feature the model needs {schema.Features.Count} inputs; it has {inputs.Count} ({Names(inputs)}).";
        }

        foreach (var feature in schema.Features)
        {
            var input = inputs.FirstOrDefault(i => i.Name == feature.Name);
            if (input is null)
            {
                return $"Feature '{feature.Name}' feeds the input of its name, which the model lacks; its inputs are: {Names(inputs)}.";
            }

            if (input.Shape is not ([_] or [_, 1]))
            {
                return $"Input '{input.Name}' is [{string.Join(", ", input.Shape)}]; one input per feature needs [N] or [N, 1].";
            }

            var fits = (input.Datatype, feature.Kind) switch
            {
                ("FP32" or "FP64", FeatureKind.Numeric or FeatureKind.Boolean) => true,
                ("INT64" or "INT32", FeatureKind.Numeric or FeatureKind.Boolean) => true,
                ("BOOL", FeatureKind.Boolean) => true,
                ("BYTES", FeatureKind.Categorical) => true,
                _ => false,
            };
            if (!fits)
            {
                return $"Feature '{feature.Name}' is {feature.Kind.ToString().ToLowerInvariant()} but input '{input.Name}' is {input.Datatype}: "
                    + "numeric and boolean features feed FP32, FP64, INT64 or INT32 inputs, boolean ones BOOL, categorical ones BYTES (strings).";
            }

            if (!feature.Required && input.Datatype is not ("FP32" or "FP64"))
            {
                return $"Feature '{feature.Name}' feeds {input.Datatype} input '{input.Name}', which cannot hold a missing value: mark it required.";
            }
        }

        return null;
    }

    /// <summary>
    /// The schema a model registered without one gets when every input is a numeric or boolean column: a feature per
    /// input, by name (float ones optional, others required). Null otherwise: string inputs need a manifest that
    /// lists their categories.
    /// </summary>
    public static FeatureSchema? Default(IReadOnlyList<TensorSpec> inputs)
    {
        if (inputs.Count == 0 || inputs.Any(i => i.Shape is not ([_] or [_, 1]) || i.Datatype is not ("FP32" or "FP64" or "INT64" or "INT32" or "BOOL")))
        {
            return null;
        }

        var features = inputs.Select(i => new FeatureDefinition(
            i.Name, i.Datatype == "BOOL" ? FeatureKind.Boolean : FeatureKind.Numeric, Required: i.Datatype is not ("FP32" or "FP64")));
        return new FeatureSchema("", [.. features], InputPerFeature: true);
    }

    private static string Names(IReadOnlyList<TensorSpec> inputs) => string.Join(", ", inputs.Select(i => i.Name));
}
