using Microsoft.Extensions.Logging;

namespace Serverless.Core.Scoring;

/// <summary>Log messages of the scoring components.</summary>
internal static partial class ScoringLogs
{
    [LoggerMessage(1, LogLevel.Information, "Loaded model {Model} version {Version} in {ElapsedMs} ms.")]
    public static partial void Loaded(this ILogger logger, string model, int version, long elapsedMs);

    [LoggerMessage(2, LogLevel.Error, "Model {Model} version {Version} failed to load; nothing was cached.")]
    public static partial void LoadFailed(this ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Model {Model} now routes unversioned traffic to version {Version} (was {Previous}).")]
    public static partial void ChampionChanged(this ILogger logger, string model, int version, int previous);

    [LoggerMessage(4, LogLevel.Error, "Model {Model}: champion version {Version} cannot be loaded; version {Serving} keeps serving.")]
    public static partial void ChampionLoadFailed(this ILogger logger, string model, int version, int serving, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Model {Model}: deployment state could not be refreshed; serving the cached champion.")]
    public static partial void RefreshFailed(this ILogger logger, string model, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Model {Model} version {Version} is idle and retired.")]
    public static partial void Retired(this ILogger logger, string model, int version);

    [LoggerMessage(7, LogLevel.Information, "Model {Model} has no champion any more; unversioned requests are refused.")]
    public static partial void ChampionCleared(this ILogger logger, string model);

    [LoggerMessage(8, LogLevel.Information, "Model {Model} now routes {Routing}: primary version {Version} (was {Previous}).")]
    public static partial void RouteChanged(this ILogger logger, string model, string routing, int version, int previous);

    [LoggerMessage(9, LogLevel.Warning, "Model {Model} version {Version}: warm-up call failed; the version still serves.")]
    public static partial void WarmUpFailed(this ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Model {Model} version {Version} is unservable but the deployment state could not record it; retrying at the next refresh.")]
    public static partial void FailoverReportFailed(this ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Model {Model} version {Version}: shadow scoring failed; the served response was not affected.")]
    public static partial void ShadowFailed(this ILogger logger, string model, int version, Exception exception);
}
