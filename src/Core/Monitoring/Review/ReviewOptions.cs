using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Monitoring.Review;

/// <summary>The human review queue and automation defaults ("Monitoring:Review" configuration section).</summary>
public sealed class ReviewOptions
{
    public const string Section = "Monitoring:Review";

    /// <summary>Table of records waiting for a reviewer: partition = model, row = prediction time, request id and index.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Table must be 3-63 letters or digits, starting with a letter.")]
    public string Table { get; set; } = "reviewqueue";

    /// <summary>The review threshold of level <c>partial</c> when the level change names none.</summary>
    [Range(0.000001, 1.0)]
    public double DefaultThreshold { get; set; } = 0.8;

    /// <summary>
    /// When true (the default) a queued item carries its record's field values, decoded from the encoded row, so the
    /// reviewer sees what they judge. The item is deleted when labelled and expires with the prediction log's retention.
    /// </summary>
    public bool StoreInputs { get; set; } = true;
}
