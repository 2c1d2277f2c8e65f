using System.Globalization;

namespace Serverless.Gpu.Bench;

/// <summary>Command-line settings of the batching benchmark.</summary>
/// <param name="Widths">The MLP's layer widths, input first: the example by default.</param>
internal sealed record BenchSettings(string Provider, double Seconds, int[] Concurrency, int MaxBatchSize, double MaxQueueDelayMs, int[] Widths)
{
    public static readonly int[] DefaultWidths = [256, 1024, 1024, 10];

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings("cpu", 5, [1, 8, 64], 64, 5, DefaultWidths);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--provider" => settings with { Provider = value },
                "--seconds" => settings with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--concurrency" => settings with { Concurrency = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--max-batch" => settings with { MaxBatchSize = int.Parse(value, CultureInfo.InvariantCulture) },
                "--widths" => settings with { Widths = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--delay-ms" => settings with { MaxQueueDelayMs = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return settings;
    }
}
