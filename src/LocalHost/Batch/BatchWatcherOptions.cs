using System.ComponentModel.DataAnnotations;
using Serverless.Core.Batch;

namespace Serverless.LocalHost.Batch;

/// <summary>
/// The local watcher's settings, in the same <c>Batch</c> section as <see cref="BatchOptions"/>. The function app
/// has blob triggers instead, so it neither binds nor lists these.
/// </summary>
internal sealed class BatchWatcherOptions
{
    public const string Section = BatchOptions.SectionName;

    /// <summary>How often the watcher lists the input and job containers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan WatcherPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Files scored at the same time by the watcher.</summary>
    [Range(1, 64)]
    public int MaxConcurrentFiles { get; set; } = 2;

    /// <summary>Attempts per input version before the watcher gives up on it until restart.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;
}
