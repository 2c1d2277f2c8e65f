using Azure.Storage.Blobs;
using Serverless.Training.Spec;

namespace Serverless.Training.Cli;

/// <summary>The <c>train</c> command: spec in, <c>model.onnx</c> + <c>manifest.json</c> out, optionally registered.</summary>
/// <remarks>
/// Exit codes: 0 done; 2 bad arguments, spec or data (nothing written, nothing registered); 3 registration refused;
/// 1 unexpected failure. Public so tests (and tools) can run it in process, with their own <see cref="HttpClient"/>.
/// </remarks>
public static class TrainCommand
{
    public const int BadInput = 2;
    public const int RegistrationFailed = 3;

    /// <param name="args">The command line, starting with <c>train</c>.</param>
    /// <param name="output">Progress, metrics and the registered version.</param>
    /// <param name="error">Errors (one line, naming the field or line at fault) and usage.</param>
    /// <param name="http">Used for <c>--register</c>; null creates one for the call.</param>
    /// <param name="cancellationToken">Stops training or the upload.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        TrainArguments arguments;
        try
        {
            arguments = TrainArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n{TrainArguments.Usage}");
            return BadInput;
        }

        TrainingResult result;
        string name;
        try
        {
            var spec = TrainingSpecReader.ReadFile(arguments.SpecPath);
            name = arguments.Name ?? spec.Name ?? "";
            if (arguments.RegisterUrl is not null && !Core.Models.ModelNames.IsValid(name))
            {
                throw new TrainingSpecException(name.Length == 0
                    ? "--register needs a model name: give --name or the spec's 'name'."
                    : $"Model name '{name}' is invalid: {Core.Models.ModelNames.Rule}.");
            }

            var limits = new TrainingOptions();
            limits.MaxRows = arguments.MaxRows ?? limits.MaxRows;
            limits.MaxDataBytes = arguments.MaxDataBytes ?? limits.MaxDataBytes;
            var blobs = spec.Data.Blob is null ? null : Storage();
            var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(arguments.SpecPath));
            result = await new ModelTrainer(limits).LoadAndTrainAsync(spec, baseDirectory, blobs, new ConsoleProgress(output), cancellationToken);
        }
        catch (Exception e) when (e is TrainingSpecException or TrainingDataException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return BadInput;
        }

        var manifest = TrainingManifest.Of(result, Environment.UserName is { Length: > 0 } user ? $"cli:{user}" : "cli").ToJson();
        Directory.CreateDirectory(arguments.OutDirectory);
        var modelPath = Path.Combine(arguments.OutDirectory, "model.onnx");
        await File.WriteAllBytesAsync(modelPath, result.Onnx, cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(arguments.OutDirectory, "manifest.json"), manifest, cancellationToken);
        await output.WriteLineAsync($"wrote {modelPath} ({result.Onnx.Length} bytes) and manifest.json");
        foreach (var (metric, value) in result.Metrics)
        {
            await output.WriteLineAsync(FormattableString.Invariant($"  {metric,-28} {value:G6}"));
        }

        if (arguments.RegisterUrl is { } url)
        {
            try
            {
                using var owned = http is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(5) } : null;
                var version = await ModelUploader.RegisterAsync(http ?? owned!, url, name, arguments.Key, result.Onnx, manifest, cancellationToken);
                await output.WriteLineAsync($"registered {name} version {version} at {url}");
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                await error.WriteLineAsync($"error: registration failed: {e.Message}");
                return RegistrationFailed;
            }
        }

        return 0;
    }

    /// <summary>The storage account of <c>AzureWebJobsStorage</c> (a connection string), for specs whose data is a blob.</summary>
    private static BlobServiceClient Storage()
    {
        var connection = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        return string.IsNullOrEmpty(connection)
            ? throw new TrainingSpecException("'data.blob' needs the storage account: set AzureWebJobsStorage to its connection string.")
            : new BlobServiceClient(connection);
    }
}
