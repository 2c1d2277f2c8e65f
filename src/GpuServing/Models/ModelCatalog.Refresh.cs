using Serverless.Core.Models;
using Serverless.GpuServing.Hosting;

namespace Serverless.GpuServing.Models;

internal sealed partial class ModelCatalog
{
    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    /// <summary>
    /// Re-reads the deployment state of every routed model, loads and warms new champions before routing to them,
    /// and unloads idle versions that are no champion. Calls are serialised; a storage failure leaves routes as they are.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (name, route) in _champions)
            {
                await RefreshRouteAsync(name, route, cancellationToken).ConfigureAwait(false);
            }

            await UnloadIdleAsync().ConfigureAwait(false);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task RefreshRouteAsync(string name, ServedModel route, CancellationToken cancellationToken)
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

        var previous = route.Manifest.Version;
        if (state?.Champion is not int champion)
        {
            if (_champions.TryRemove(KeyValuePair.Create(name, route)))
            {
                _logger.ChampionCleared(name);
            }

            return;
        }

        if (champion == previous)
        {
            return;
        }

        try
        {
            var model = await GetOrLoad(name, champion).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_champions.TryUpdate(name, model, route))
            {
                _logger.ChampionChanged(name, champion, previous);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.ChampionLoadFailed(name, champion, previous, e);
        }
    }

    /// <summary>
    /// Unloads versions that no route points to and that took no call for the idle timeout. A caller that looked
    /// one up just before gets <see cref="ModelRetiredException"/> and looks it up again (it reloads if needed).
    /// </summary>
    private async Task UnloadIdleAsync()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, lazy) in _versions)
        {
            if (!lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully)
            {
                continue;
            }

            var model = lazy.Value.Result;
            if (_champions.Values.Contains(model) || _time.GetElapsedTime(model.LastUsedTimestamp, now) < _options.IdleVersionTimeout)
            {
                continue;
            }

            if (_versions.TryRemove(KeyValuePair.Create(key, lazy)))
            {
                await model.DisposeAsync().ConfigureAwait(false);
                _logger.Unloaded(key.Name, key.Version);
            }
        }
    }
}
