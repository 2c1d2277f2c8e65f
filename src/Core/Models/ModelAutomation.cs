using System.Globalization;

namespace Serverless.Core.Models;

/// <summary>A model's automation level, part of its <see cref="DeploymentState"/> (so every instance reads it from cache).</summary>
/// <param name="ReviewThreshold">
/// <see cref="AutomationLevel.Partial"/> only: a record whose top class probability is below this (0-1, exclusive of 0)
/// needs review. Null at every other level.
/// </param>
public sealed record ModelAutomation(AutomationLevel Level, double? ReviewThreshold = null)
{
    /// <summary>Predictions are decisions: what a state without a level means.</summary>
    public static readonly ModelAutomation Full = new(AutomationLevel.Full);

    /// <summary>The level as JSON writes it (<c>partial</c>, <c>human</c>, ...).</summary>
    public static string Name(AutomationLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>For history and logs: <c>full</c>, <c>assist</c>, <c>partial(0.8)</c>.</summary>
    public string Describe() => Level == AutomationLevel.Partial && ReviewThreshold is double threshold
        ? string.Create(CultureInfo.InvariantCulture, $"partial({threshold})")
        : Name(Level);
}
