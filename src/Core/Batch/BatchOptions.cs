using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Batch;

/// <summary>Settings of blob-triggered batch scoring, bound from the <c>Batch</c> configuration section.</summary>
/// <remarks>
/// The container names must match the paths of the Azure Functions triggers (<c>batch-in</c>, <c>batch-jobs</c>),
/// which are attribute constants there. Memory per file is about
/// <c>(PipelineDepth + 1) * BatchSize * row size + 2 * BlockSizeBytes</c> per published blob, whatever the file size;
/// Parquet adds about two decoded row groups (see docs/batch.md). The local host's watcher settings, in the same
/// section, are its own <c>BatchWatcherOptions</c>.
/// </remarks>
public sealed class BatchOptions
{
    public const string SectionName = "Batch";

    /// <summary>Where input files land, as <c>{model}/{any/path}.{csv|jsonl}[.gz]</c> or <c>.parquet</c>.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string InputContainer { get; set; } = "batch-in";

    /// <summary>Where scored files, <c>.errors.csv</c> and <c>.summary.json</c> are published, under the same path.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string OutputContainer { get; set; } = "batch-out";

    /// <summary>Exactly-once receipts: one blob per input path and ETag.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string ReceiptContainer { get; set; } = "batch-receipts";

    /// <summary>On-demand jobs submitted through <c>POST /api/models/{name}/batch</c>.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string JobContainer { get; set; } = "batch-jobs";

    /// <summary>Rows per ONNX Runtime call.</summary>
    [Range(1, 1_048_576)]
    public int BatchSize { get; set; } = 4096;

    /// <summary>Blocks of rows in flight between the read, score and write stages.</summary>
    [Range(1, 16)]
    public int PipelineDepth { get; set; } = 2;

    /// <summary>Size of each staged output block; the output is committed only when complete.</summary>
    [Range(64 * 1024, 100 * 1024 * 1024)]
    public int BlockSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Blob lease on the receipt while a file is scored (Azure allows 15 to 60 s); renewed at a third of it.</summary>
    [Range(15, 60)]
    public int ClaimSeconds { get; set; } = 15;

    /// <summary>How often a long file logs its progress.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest JSON line accepted; a longer one rejects the file (it would otherwise be buffered whole).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 4 * 1024 * 1024;
}
