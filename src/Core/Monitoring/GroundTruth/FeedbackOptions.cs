using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Ground-truth feedback and live accuracy ("Monitoring:Feedback" configuration section).</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Monitoring:Feedback";

    /// <summary>Table of labelled predictions (a logged prediction joined with its true label).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Table must be 3-63 letters or digits, starting with a letter.")]
    public string Table { get; set; } = "predictionfeedback";

    /// <summary>Container that bulk label files (JSON lines) are read from.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Container must be a valid blob container name.")]
    public string Container { get; set; } = "feedback";

    /// <summary>Largest feedback request body.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Most labels in one request body.</summary>
    [Range(1, 100_000)]
    public int MaxLabelsPerRequest { get; set; } = 10_000;

    /// <summary>Most labels read from one bulk file; a longer file is refused before anything is stored.</summary>
    [Range(1, 10_000_000)]
    public int MaxBulkLabels { get; set; } = 100_000;

    /// <summary>Most labelled rows one accuracy report reads; a wider range is refused with 400.</summary>
    [Range(1, 10_000_000)]
    public int MaxReportRows { get; set; } = 200_000;
}
