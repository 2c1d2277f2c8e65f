using System.Collections.Concurrent;
using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

public sealed partial class ModelProvider
{
    private readonly ConcurrentQueue<OnnxScoringModel> _retiring = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    /// <summary>
    /// Re-reads the deployment state of every routed model, re-verifies routed artifacts whose blob changed, rebuilds
    /// routes whose state changed (loading new versions before switching), and retires idle sessions. Called by
    /// <see cref="DeploymentRefreshService"/>; safe to call anytime (calls are serialised). Storage failures are
    /// logged and leave the cached routes serving.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // What earlier sweeps retired goes first, so a session retired during this sweep lives one more interval.
            DisposeRetired();
            foreach (var (name, route) in _routes)
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

    private async Task RefreshRouteAsync(string name, ModelRoute route, CancellationToken cancellationToken)
    {
        DeploymentState? state;
        bool tampered;
        try
        {
            state = await _registry.GetDeploymentAsync(name, cancellationToken).ConfigureAwait(false);
            tampered = await CheckArtifactAsync(route.Primary, cancellationToken).ConfigureAwait(false)
                | (route.Challenger is { } challenger && await CheckArtifactAsync(challenger, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.RefreshFailed(name, e);
            return;
        }

        if (state?.Champion is null)
        {
            if (_routes.TryRemove(KeyValuePair.Create(name, route)))
            {
                _logger.ChampionCleared(name);
            }

            return;
        }

        if (!tampered && route.Serves(state))
        {
            return;
        }

        try
        {
            if (await BuildRouteAsync(name, state, cancellationToken).ConfigureAwait(false) is { } next && _routes.TryUpdate(name, next, route))
            {
                _logger.RouteChanged(name, state.Describe(), next.Primary.Manifest.Version, route.Primary.Manifest.Version);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.ChampionLoadFailed(name, state.Champion.Value, route.Primary.Manifest.Version, e);
        }
    }

    /// <summary>
    /// True when a routed version's artifact blob changed since it was loaded and no longer verifies: the version is
    /// then unservable, its session leaves the cache (in-flight calls finish) and the failure is reported.
    /// </summary>
    private async Task<bool> CheckArtifactAsync(OnnxScoringModel model, CancellationToken cancellationToken)
    {
        var manifest = model.Manifest;
        var key = (manifest.Name, manifest.Version);
        if (!_artifactTags.TryGetValue(key, out var loaded)
            || await _registry.GetArtifactETagAsync(manifest, cancellationToken).ConfigureAwait(false) is not { } current
            || current == loaded)
        {
            return false;
        }

        try
        {
            await _registry.GetVerifiedArtifactAsync(manifest, cancellationToken).ConfigureAwait(false);
            _artifactTags[key] = current; // Rewritten with the same bytes: still good.
            return false;
        }
        catch (ArtifactIntegrityException e)
        {
            _unservable[key] = $"Model '{manifest.Name}' version {manifest.Version}: {e.Message}";
            _artifactTags.TryRemove(key, out _);
            if (_sessions.TryGetValue(key, out var lazy) && _sessions.TryRemove(KeyValuePair.Create(key, lazy)))
            {
                _retiring.Enqueue(model);
            }

            _logger.LoadFailed(manifest.Name, manifest.Version, e);
            await ReportUnservableAsync(manifest.Name, manifest.Version, e.Message, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>
    /// Disposes what previous sweeps retired and no route uses any more. The one-sweep delay covers a caller that
    /// fetched a session (or a route holding it) just before it left and has not entered a call yet; calls already in
    /// flight are covered by the session's own in-flight count.
    /// </summary>
    private void DisposeRetired()
    {
        for (var pending = _retiring.Count; pending > 0 && _retiring.TryDequeue(out var old); pending--)
        {
            if (IsRouted(old))
            {
                _retiring.Enqueue(old); // Still routed until its route is rebuilt; dispose later.
                continue;
            }

            old.Dispose();
        }
    }

    /// <summary>Retires idle sessions no route uses (disposed by a later sweep).</summary>
    private void RetireIdle()
    {
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
        foreach (var route in _routes.Values)
        {
            if (ReferenceEquals(route.Primary, model) || ReferenceEquals(route.Challenger, model))
            {
                return true;
            }
        }

        return false;
    }
}
