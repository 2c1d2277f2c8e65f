namespace Serverless.Core.Models;

/// <summary>Where a model version came from: enough to reproduce or audit it.</summary>
public sealed record Lineage
{
    public string? TrainingDataUri { get; init; }
    public string? TrainingDataSha256 { get; init; }
    public string? Trainer { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public string? CodeVersion { get; init; }
}
