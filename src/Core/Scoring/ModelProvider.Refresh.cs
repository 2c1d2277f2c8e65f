using System.Collections.Concurrent;
using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

public sealed partial class ModelProvider
{
    private readonly ConcurrentQueue<OnnxScoringModel> _retiring = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    /// <summary>
    /// Re-reads the deployment state of every routed model, loads new champions before routing to them,
    /// and retires idle sessions. Called by <see cref="DeploymentRefreshService"/>; safe to call anytime
    /// (calls are serialised). Storage failures are logged and leave the cached routes serving.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (name, route) in _champions)
            {
                await RefreshRouteAsync(name, route, cancellationToken).ConfigureAwait(false);
            }

            RetireIdle();
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task RefreshRouteAsync(string name, ChampionRoute route, CancellationToken cancellationToken)
    {
        DeploymentState? state;
        try
        {
            state = await _registry.GetDeploymentAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.RefreshFailed(name, e);
            return;
        }

        if (state?.Champion is not int champion)
        {
            if (_champions.TryRemove(KeyValuePair.Create(name, route)))
            {
                _logger.ChampionCleared(name);
            }

            return;
        }

        if (champion == route.Version)
        {
            return;
        }

        try
        {
            var model = await GetOrLoad(name, champion).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_champions.TryUpdate(name, new ChampionRoute(champion, model), route))
            {
                _logger.ChampionChanged(name, champion, route.Version);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.ChampionLoadFailed(name, champion, route.Version, e);
        }
    }

    /// <summary>
    /// Disposes what the previous sweep retired, then retires idle non-champion sessions. The one-sweep
    /// delay covers a caller that fetched a session just before it left the cache and has not entered a
    /// call yet; calls already in flight are covered by the session's own in-flight count.
    /// </summary>
    private void RetireIdle()
    {
        for (var pending = _retiring.Count; pending > 0 && _retiring.TryDequeue(out var old); pending--)
        {
            old.Dispose();
        }

        var now = _time.GetTimestamp();
        foreach (var (key, lazy) in _sessions)
        {
            if (!lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully)
            {
                continue;
            }

            var model = lazy.Value.Result;
            if (IsRouted(model) || _time.GetElapsedTime(model.LastUsedTimestamp, now) < _options.IdleSessionTimeout)
            {
                continue;
            }

            if (_sessions.TryRemove(KeyValuePair.Create(key, lazy)))
            {
                _retiring.Enqueue(model);
                _logger.Retired(key.Name, key.Version);
            }
        }
    }

    private bool IsRouted(OnnxScoringModel model)
    {
        foreach (var route in _champions.Values)
        {
            if (ReferenceEquals(route.Model, model))
            {
                return true;
            }
        }

        return false;
    }
}
