using System.ComponentModel.DataAnnotations;

namespace Serverless.Training;

/// <summary>Bounds on what one training run may read (configuration section <c>Training</c>).</summary>
/// <remarks>
/// Training holds the file and its parsed cells in memory, so a file over <see cref="MaxDataBytes"/> (compressed
/// size up front, decompressed size while reading) or <see cref="MaxRows"/> is refused with a clear error before
/// it can exhaust memory. Peak memory is measured in bench/training.md (136 MB for the 2.4 MB taxi-fare file).
/// </remarks>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Most data rows a training file may have.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRows { get; set; } = 2_000_000;

    /// <summary>Largest training file, in bytes, before and after decompression.</summary>
    [Range(1, long.MaxValue)]
    public long MaxDataBytes { get; set; } = 256L * 1024 * 1024;
}
