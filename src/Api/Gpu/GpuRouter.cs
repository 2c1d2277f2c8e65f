using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Api.Gpu;

/// <summary>
/// Decides whether a request is scored by the GPU app: its version's manifest says <c>"serving": "gpu"</c> and
/// forwarding is configured. Without a version, the champion counts.
/// </summary>
/// <remarks>
/// Thread-safe. Manifests are immutable and cached by the registry; champions are cached per model and re-read in
/// the background once older than <see cref="ScoringOptions.DeploymentRefreshInterval"/> (the stale value answers
/// meanwhile), so a warm request never waits on storage. An unknown model or version is not routed: the function
/// app's own lookup answers it (404), exactly as for any other model.
/// </remarks>
public sealed class GpuRouter(IModelRegistry registry, IOptions<GpuForwardingOptions> options, IOptions<ScoringOptions> scoring, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ChampionEntry> _champions = new(StringComparer.Ordinal);

    public async ValueTask<bool> RoutesToGpuAsync(string name, int? version, CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled() || !ModelNames.IsValid(name))
        {
            return false;
        }

        var number = version ?? await ChampionAsync(name, cancellationToken);
        if (number is not int v)
        {
            return false;
        }

        var manifest = await registry.GetManifestAsync(name, v, cancellationToken);
        return manifest?.Serving == ModelServing.Gpu;
    }

    /// <summary>The cost rule (<see cref="GpuForwardingOptions.MinRowsForGpu"/>): whether a request this large goes to the GPU app.</summary>
    public bool RoutesByRows(int rows) =>
        options.Value is { MinRowsForGpu: > 0 } o && o.IsEnabled() && rows >= o.MinRowsForGpu;

    private async ValueTask<int?> ChampionAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_champions.TryGetValue(name, out var entry))
        {
            if (time.GetElapsedTime(entry.ReadAt, now) >= scoring.Value.DeploymentRefreshInterval && entry.TryStartRefresh())
            {
                _ = RefreshAsync(name);
            }

            return entry.Champion;
        }

        var state = await registry.GetDeploymentAsync(name, cancellationToken);
        _champions[name] = new ChampionEntry(state?.Champion, now);
        return state?.Champion;
    }

    private async Task RefreshAsync(string name)
    {
        try
        {
            var state = await registry.GetDeploymentAsync(name, CancellationToken.None);
            _champions[name] = new ChampionEntry(state?.Champion, time.GetTimestamp());
        }
        catch (Exception)
        {
            // Storage unreachable: keep routing by the cached champion; the next request past the interval retries.
            if (_champions.TryGetValue(name, out var entry))
            {
                entry.EndRefresh();
            }
        }
    }

    private sealed class ChampionEntry(int? champion, long readAt)
    {
        private int _refreshing;

        public int? Champion { get; } = champion;

        public long ReadAt { get; } = readAt;

        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;

        public void EndRefresh() => Volatile.Write(ref _refreshing, 0);
    }
}
