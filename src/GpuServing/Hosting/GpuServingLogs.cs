using Microsoft.Extensions.Logging;

namespace Serverless.GpuServing.Hosting;

/// <summary>Log messages of the GPU serving app.</summary>
internal static partial class GpuServingLogs
{
    [LoggerMessage(1, LogLevel.Information, "Loaded and warmed model {Model} version {Version} on {Provider} (batchable: {Batchable}) in {ElapsedMs} ms.")]
    public static partial void Loaded(this ILogger logger, string model, int version, string provider, bool batchable, long elapsedMs);

    [LoggerMessage(2, LogLevel.Error, "Model {Model} version {Version} failed to load or warm up; nothing was cached.")]
    public static partial void LoadFailed(this ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Model {Model} now routes unversioned traffic to version {Version} (was {Previous}).")]
    public static partial void ChampionChanged(this ILogger logger, string model, int version, int previous);

    [LoggerMessage(4, LogLevel.Error, "Model {Model}: champion version {Version} cannot be loaded; version {Serving} keeps serving.")]
    public static partial void ChampionLoadFailed(this ILogger logger, string model, int version, int serving, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Model {Model}: deployment state could not be refreshed; the current route keeps serving.")]
    public static partial void RefreshFailed(this ILogger logger, string model, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Model {Model} version {Version} was idle and is unloaded.")]
    public static partial void Unloaded(this ILogger logger, string model, int version);

    [LoggerMessage(7, LogLevel.Information, "Model {Model} has no champion any more; unversioned requests are refused.")]
    public static partial void ChampionCleared(this ILogger logger, string model);

    [LoggerMessage(8, LogLevel.Warning, "Configured model {Model} could not be preloaded; the app stays not ready and retries.")]
    public static partial void PreloadFailed(this ILogger logger, string model, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Ready: {Count} configured models loaded and warmed.")]
    public static partial void Ready(this ILogger logger, int count);

    [LoggerMessage(10, LogLevel.Critical, "{Message}")]
    public static partial void ProviderUnavailable(this ILogger logger, string message);

    [LoggerMessage(11, LogLevel.Information, "ONNX Runtime execution provider: {Provider}.")]
    public static partial void ProviderReady(this ILogger logger, string provider);

    [LoggerMessage(12, LogLevel.Error, "Refreshing the served models failed; retrying at the next interval.")]
    public static partial void RefreshLoopFailed(this ILogger logger, Exception exception);
}
