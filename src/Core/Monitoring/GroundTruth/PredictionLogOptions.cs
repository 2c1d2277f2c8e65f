using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>The sampled prediction log ("Monitoring:PredictionLog" configuration section).</summary>
public sealed class PredictionLogOptions
{
    public const string Section = "Monitoring:PredictionLog";

    /// <summary>When false no prediction is logged (feedback then matches nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Table of logged predictions: partition = model, row = request id and record index.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Table must be 3-63 letters or digits, starting with a letter.")]
    public string Table { get; set; } = "predictionlog";

    /// <summary>
    /// Fraction of requests logged, 0..1. Chosen by a hash of the request id, so every instance makes the same choice
    /// for one id and a caller can tell which of its ids were logged.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SampleRate { get; set; } = 0.1;

    /// <summary>
    /// Most rows this instance logs per second (0: no cap). Sampled requests beyond it are not logged (counted in
    /// <see cref="PredictionLog.Throttled"/>); requests that must be logged (levels human and shadow, review) always are.
    /// The log's partition is the model and one Table Storage partition takes about 2,000 entities a second for all
    /// instances: 100 leaves room for 20 busy instances, and keeps the log's cost off a saturated instance's hot path.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxRowsPerSecond { get; set; } = 100;

    /// <summary>Rows older than this are deleted (a purge runs every <see cref="PurgeInterval"/>).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often expired rows are deleted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Requests waiting to be written; beyond this new ones are dropped (and counted), never waited for.</summary>
    [Range(100, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// When true the encoded feature values are stored next to their hash. Off by default: the log holds no input,
    /// only a SHA-256 of each encoded row (equal inputs give equal hashes).
    /// </summary>
    public bool StoreInputs { get; set; }
}
