using System.Globalization;
using Serverless.Core.Models;

namespace Serverless.Core.Rollout;

/// <summary>Validates a requested split against the current champion and turns it into the challenger's stored weight.</summary>
internal static class TrafficWeights
{
    /// <summary>
    /// The challenger's percent, or why the weights are refused: they may name only the champion and the challenger, each
    /// 0-100, summing to 100; single mode needs none (or the champion at 100). In shadow mode the champion keeps 100 and
    /// the challenger's entry is the sampled percent (default 100).
    /// </summary>
    public static (int Weight, string? Error) ChallengerWeight(DeploymentState current, TrafficChange change)
    {
        if (current.Champion is not int champion)
        {
            return (0, $"Model '{current.Model}' has no champion; promote a version first.");
        }

        foreach (var (version, weight) in change.Weights)
        {
            if (version != champion && version != change.Challenger)
            {
                return (0, string.Create(CultureInfo.InvariantCulture, $"weights name version {version}, which is neither the champion ({champion}) nor the challenger."));
            }

            if (weight is < 0 or > 100)
            {
                return (0, string.Create(CultureInfo.InvariantCulture, $"weights: version {version} has {weight}; a weight is 0-100."));
            }
        }

        if (change.Mode == DeploymentMode.Single)
        {
            return change.Weights.Count == 0 || (change.Weights.Count == 1 && change.Weights.GetValueOrDefault(champion) == 100)
                ? (0, null)
                : (0, "Mode 'single' sends everything to the champion; give no weights or the champion at 100.");
        }

        var challenger = change.Challenger!.Value;
        if (challenger == champion)
        {
            return (0, string.Create(CultureInfo.InvariantCulture, $"Version {challenger} is the champion; a challenger must be another version."));
        }

        if (change.Mode == DeploymentMode.Shadow)
        {
            return change.Weights.TryGetValue(champion, out var live) && live != 100
                ? (0, "In shadow mode the champion answers everything (weight 100); the challenger's weight is the sampled percent.")
                : (change.Weights.GetValueOrDefault(challenger, 100), null);
        }

        var sum = change.Weights.Values.Sum();
        return sum == 100
            ? (change.Weights.GetValueOrDefault(challenger), null)
            : (0, string.Create(CultureInfo.InvariantCulture, $"weights must sum to 100 (they sum to {sum})."));
    }
}
