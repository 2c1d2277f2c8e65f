using System.ComponentModel.DataAnnotations;
using Serverless.Core.Models;

namespace Serverless.Core.Validation;

/// <summary>Settings of the validation gates ("Validation" configuration section).</summary>
public sealed class ValidationOptions
{
    public const string Section = "Validation";

    /// <summary>The policy of classification models without their own.</summary>
    public ValidationPolicy Classification { get; set; } = new()
    {
        Minimums = new(StringComparer.Ordinal) { ["auc"] = 0.6, ["accuracy"] = 0.5 },
        Maximums = new(StringComparer.Ordinal) { ["calibrationError"] = 0.2 },
    };

    /// <summary>The policy of regression models without their own (no ceilings: error metrics are in the label's units).</summary>
    public ValidationPolicy Regression { get; set; } = new()
    {
        Minimums = new(StringComparer.Ordinal) { ["r2"] = 0 },
    };

    /// <summary>Single-row scoring calls timed for the latency gate (after 10 warm-up calls).</summary>
    [Range(20, 100_000)]
    public int LatencySamples { get; set; } = 200;

    /// <summary>Rows, drawn from the training histograms, that the candidate scores for the sane-outputs gate.</summary>
    [Range(10, 100_000)]
    public int SampleRows { get; set; } = 256;

    /// <summary>The task's default policy; a model's own policy (in its validation request) replaces it whole.</summary>
    public ValidationPolicy DefaultFor(ModelTask task) => task == ModelTask.Regression ? Regression : Classification;
}
