namespace Serverless.Core.Models;

/// <summary>Checks a registration's claims against what the ONNX file actually declares.</summary>
internal static class RegistrationValidator
{
    public static void Validate(ModelRegistration registration, IReadOnlyList<TensorSpec> inputs, IReadOnlyList<TensorSpec> outputs)
    {
        ModelNames.Validate(registration.Name);
        if (string.IsNullOrWhiteSpace(registration.CreatedBy))
        {
            throw new ModelValidationException("CreatedBy is required.");
        }

        if (registration.Features is { } schema)
        {
            ValidateSchema(schema, inputs);
        }

        if (registration.ClassLabels is { Count: 0 })
        {
            throw new ModelValidationException("ClassLabels, when given, must name at least one class.");
        }
    }

    private static void ValidateSchema(FeatureSchema schema, IReadOnlyList<TensorSpec> inputs)
    {
        if (schema.Features is not { Count: > 0 })
        {
            throw new ModelValidationException("The feature schema lists no features.");
        }

        // Constructing the encoder validates names (unique) and categories (present).
        _ = new FeatureEncoder(schema);
        if (schema.InputPerFeature)
        {
            if (FeatureInputs.Check(schema, inputs) is { } problem)
            {
                throw new ModelValidationException(problem);
            }

            return;
        }

        var input = inputs.FirstOrDefault(i => i.Name == schema.InputName)
            ?? throw new ModelValidationException(
                $"The feature schema feeds input '{schema.InputName}', but the model's inputs are: {string.Join(", ", inputs.Select(i => i.Name))}.");
        if (inputs.Count != 1)
        {
            throw new ModelValidationException(
                $"A feature schema needs a model with exactly one input; this one has {inputs.Count}. Serve it through /v2 infer instead.");
        }

        if (input.Datatype != "FP32" || input.Shape.Count != 2)
        {
            throw new ModelValidationException(
                $"A feature schema needs a float input of shape [N, features]; input '{input.Name}' is {input.Datatype} [{string.Join(", ", input.Shape)}].");
        }

        if (input.Shape[1] >= 0 && input.Shape[1] != schema.Features.Count)
        {
            throw new ModelValidationException(
                $"Input '{input.Name}' has {input.Shape[1]} columns but the feature schema lists {schema.Features.Count} features.");
        }
    }
}
