using Serverless.Core.Scoring;

namespace Serverless.Core.Tests.Batch;

/// <summary>An <see cref="IModelProvider"/> over models held in memory; the highest version is the champion.</summary>
internal sealed class FixedModelProvider(params IScoringModel[] models) : IModelProvider
{
    /// <summary>The manifests of every model held, for a registry over the same versions.</summary>
    public IEnumerable<Serverless.Core.Models.ModelManifest> Manifests => models.Select(m => m.Manifest);

    /// <summary>Called at the start of each lookup (to change storage between the claim and the model).</summary>
    public Action? BeforeGet { get; init; }

    public ValueTask<IScoringModel> GetAsync(string name, int? version, CancellationToken cancellationToken = default)
    {
        BeforeGet?.Invoke();
        var candidates = models.Where(m => m.Manifest.Name == name).OrderByDescending(m => m.Manifest.Version).ToList();
        var model = version is null ? candidates.FirstOrDefault() : candidates.FirstOrDefault(m => m.Manifest.Version == version);
        return model is null
            ? throw new ModelNotFoundException($"Model '{name}' version {version?.ToString() ?? "champion"} not found.")
            : ValueTask.FromResult(model);
    }
}
