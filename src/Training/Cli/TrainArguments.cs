using System.Globalization;

namespace Serverless.Training.Cli;

/// <summary>The parsed arguments of <c>train</c>.</summary>
internal sealed record TrainArguments(
    string SpecPath, string OutDirectory, Uri? RegisterUrl, string? Name, string? Key, int? MaxRows, long? MaxDataBytes)
{
    public const string Usage = """
        usage: train --spec <spec.json> --out <dir> [--register <url>] [--name <model>] [--key <key>]
                     [--max-rows <n>] [--max-data-bytes <n>]
          --spec            the training spec (docs/training.md)
          --out             folder for model.onnx and manifest.json (created if missing)
          --register        also register the result with the service at <url> (e.g. http://localhost:7071)
          --name            model name for --register (default: the spec's "name")
          --key             function key sent as x-functions-key (default: env TRAINING_REGISTER_KEY)
          --max-rows        row limit (default: env Training__MaxRows, else 2000000)
          --max-data-bytes  file size limit (default: env Training__MaxDataBytes, else 268435456)
        """;

    /// <exception cref="ArgumentException">An unknown or incomplete argument; the message says which.</exception>
    public static TrainArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "train")
        {
            throw new ArgumentException(args.Count == 0 ? "No command given." : $"Unknown command '{args[0]}'; the command is 'train'.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i += 2)
        {
            var flag = args[i];
            if (flag is not ("--spec" or "--out" or "--register" or "--name" or "--key" or "--max-rows" or "--max-data-bytes"))
            {
                throw new ArgumentException($"Unknown option '{flag}'.");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Option '{flag}' needs a value.");
            }

            values[flag] = args[i + 1];
        }

        var spec = values.GetValueOrDefault("--spec") ?? throw new ArgumentException("--spec is required.");
        var output = values.GetValueOrDefault("--out") ?? throw new ArgumentException("--out is required.");
        Uri? register = null;
        if (values.TryGetValue("--register", out var url)
            && (!Uri.TryCreate(url, UriKind.Absolute, out register) || register.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException($"--register needs an http(s) URL, got '{url}'.");
        }

        return new TrainArguments(spec, output, register, values.GetValueOrDefault("--name"),
            values.GetValueOrDefault("--key") ?? Environment.GetEnvironmentVariable("TRAINING_REGISTER_KEY"),
            Number(values.GetValueOrDefault("--max-rows") ?? Environment.GetEnvironmentVariable("Training__MaxRows"), "--max-rows", v => (int)v),
            Number(values.GetValueOrDefault("--max-data-bytes") ?? Environment.GetEnvironmentVariable("Training__MaxDataBytes"), "--max-data-bytes", v => v));
    }

    private static T? Number<T>(string? text, string flag, Func<long, T> convert) where T : struct
    {
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= int.MaxValue * 64L
            ? convert(value)
            : throw new ArgumentException($"{flag} must be a positive integer, got '{text}'.");
    }
}
