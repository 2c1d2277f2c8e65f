using Serverless.Core.Models;
using Serverless.Training.Spec;
using Serverless.Workflows.Training;

namespace Serverless.Workflows.Retrain;

/// <summary>
/// Which spec a retrain trains with: the one it was given, or the model's last one on new data. A trained version's
/// lineage keeps its spec (parameter <c>spec</c>, naming the immutable snapshot it read) and the blob the data came
/// from (<c>sourceBlob</c>); "new data" is that source blob as it is now.
/// </summary>
public static class RetrainSpecs
{
    /// <summary>The newest version's spec, pointed back at its source blob; null when no version was trained here.</summary>
    public static string? Last(IReadOnlyList<ModelManifest> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            var parameters = versions[i].Lineage.Parameters;
            if (parameters.TryGetValue("spec", out var json) && parameters.TryGetValue("sourceBlob", out var source))
            {
                var spec = TrainingSpecReader.Read(System.Text.Encoding.UTF8.GetBytes(json));
                return TrainingSpecReader.Write(spec with { Data = spec.Data with { Blob = source, Path = null } });
            }
        }

        return null;
    }

    /// <summary>The spec to train <paramref name="model"/> with, validated as the training workflow requires.</summary>
    /// <exception cref="TrainingSpecException">The given spec is invalid or names another model, or none was given and the model has no trained version.</exception>
    public static string Resolve(string model, string? specJson, IReadOnlyList<ModelManifest> versions)
    {
        var json = specJson ?? Last(versions) ?? throw new TrainingSpecException(
            $"'spec': model '{model}' has no version trained from a spec to take one from; pass a spec.");
        var spec = WorkflowTrainingSpec.Read(json);
        if (spec.Name is { } name && name != model)
        {
            throw new TrainingSpecException($"'spec.name': the spec names model '{name}' but the retrain is of '{model}'.");
        }

        return TrainingSpecReader.Write(spec);
    }
}
