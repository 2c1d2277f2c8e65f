using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.GpuServing.Batching;
using Serverless.GpuServing.Execution;
using Serverless.GpuServing.Hosting;

namespace Serverless.GpuServing.Models;

/// <summary>
/// The model versions the GPU app serves, loaded from the registry by version, verified and warmed before use,
/// and the champion route per model for requests that name no version.
/// </summary>
/// <remarks>
/// Thread-safe. Guarantees:
/// <list type="bullet">
/// <item>A version loads once (manifest, SHA-256-verified artifact, session, warm-up); concurrent requests share
/// the load, and a failed load caches nothing. A version serves only after its warm-up.</item>
/// <item>A new champion is loaded and warmed before the route moves to it (<see cref="RefreshAsync"/>); the old
/// version keeps serving until then, and is unloaded only once it is no champion and has been idle for
/// <see cref="GpuServingOptions.IdleVersionTimeout"/>, after its queue has drained.</item>
/// <item>Failures are the function app's: <see cref="ModelNotFoundException"/>, <see cref="ArtifactIntegrityException"/>,
/// <see cref="ModelValidationException"/>, with the same messages.</item>
/// </list>
/// </remarks>
internal sealed partial class ModelCatalog : IAsyncDisposable
{
    private readonly IModelRegistry _registry;
    private readonly SessionOptionsFactory _sessions;
    private readonly GpuServingOptions _options;
    private readonly BatchingMetrics _metrics;
    private readonly ILogger<ModelCatalog> _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Name, int Version), Lazy<Task<ServedModel>>> _versions = new();
    private readonly ConcurrentDictionary<string, ServedModel> _champions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private volatile bool _ready;

    public ModelCatalog(IModelRegistry registry, SessionOptionsFactory sessions, IOptions<GpuServingOptions> options, BatchingMetrics metrics, ILogger<ModelCatalog> logger, TimeProvider time)
    {
        _registry = registry;
        _sessions = sessions;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _time = time;
    }

    /// <summary>True once every model in <see cref="GpuServingOptions.Models"/> has its champion loaded and warmed.</summary>
    public bool IsReady => _ready;

    /// <summary>The loaded, warmed model; loads it first when needed (the caller waits for load and warm-up).</summary>
    public ValueTask<ServedModel> GetAsync(string name, int? version, CancellationToken cancellationToken)
    {
        if (Find(name, version) is { } loaded)
        {
            return new ValueTask<ServedModel>(loaded);
        }

        return new ValueTask<ServedModel>(LoadAsync(name, version, cancellationToken));
    }

    /// <summary>The model when it is loaded and warmed; null otherwise (nothing is started).</summary>
    public ServedModel? Find(string name, int? version)
    {
        if (version is null)
        {
            return _champions.TryGetValue(name, out var champion) ? champion : null;
        }

        return _versions.TryGetValue((name, version.Value), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully
            ? lazy.Value.Result
            : null;
    }

    /// <summary>
    /// Resolves the version (the champion when none is named) and its manifest, and starts its load without waiting
    /// for it: the returned task completes once the model is warmed.
    /// </summary>
    /// <exception cref="ModelNotFoundException">Unknown model or version, or no champion.</exception>
    public async Task<Task<ServedModel>> StartAsync(string name, int? version, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            throw new ModelNotFoundException($"Model '{name}' is not registered (model names are {ModelNames.Rule}).");
        }

        var number = version ?? await ChampionAsync(name, cancellationToken).ConfigureAwait(false);
        _ = await _registry.GetManifestAsync(name, number, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model '{name}' has no version {number}.");
        var load = GetOrLoad(name, number);
        return version is null ? RouteWhenLoadedAsync(name, load) : load;
    }

    /// <summary>Loads the champion of every configured model; the catalog is ready once all have loaded.</summary>
    public async Task PreloadAsync(CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var name in _options.Models)
        {
            try
            {
                await GetAsync(name, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                _logger.PreloadFailed(name, e);
            }
        }

        if (failed == 0 && !_ready)
        {
            _ready = true;
            _logger.Ready(_options.Models.Count);
        }
    }

    /// <summary>Unloads every version, each after its queue has drained (at shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        _ready = false;
        await _shutdown.CancelAsync().ConfigureAwait(false);
        var loaded = _versions.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result).ToList();
        _versions.Clear();
        _champions.Clear();
        await Task.WhenAll(loaded.Select(m => m.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private async Task<ServedModel> LoadAsync(string name, int? version, CancellationToken cancellationToken)
    {
        var load = await StartAsync(name, version, cancellationToken).ConfigureAwait(false);
        return await load.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ChampionAsync(string name, CancellationToken cancellationToken)
    {
        if (_champions.TryGetValue(name, out var route))
        {
            return route.Manifest.Version;
        }

        var state = await _registry.GetDeploymentAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model '{name}' is not registered.");
        return state.Champion ?? throw new ModelNotFoundException($"Model '{name}' has no champion version; request a version explicitly.");
    }

    private async Task<ServedModel> RouteWhenLoadedAsync(string name, Task<ServedModel> load)
    {
        var model = await load.ConfigureAwait(false);

        // A concurrent cold request or a refresh may have set the route already; either is current enough.
        return _champions.GetOrAdd(name, model);
    }

    /// <summary>The shared load of one version; not tied to any one caller's cancellation.</summary>
    private Task<ServedModel> GetOrLoad(string name, int version) =>
        _versions.GetOrAdd((name, version), static (key, self) => self.CreateLoader(key), this).Value;

    private Lazy<Task<ServedModel>> CreateLoader((string Name, int Version) key)
    {
        Lazy<Task<ServedModel>>? self = null;
        self = new Lazy<Task<ServedModel>>(() => LoadVersionAsync(key, self!), LazyThreadSafetyMode.ExecutionAndPublication);
        return self;
    }

    private async Task<ServedModel> LoadVersionAsync((string Name, int Version) key, Lazy<Task<ServedModel>> self)
    {
        // Leave the caller's thread (and the Lazy's lock) before any I/O; session creation and warm-up are CPU-bound.
        await Task.Yield();
        try
        {
            var token = _shutdown.Token;
            var manifest = await _registry.GetManifestAsync(key.Name, key.Version, token).ConfigureAwait(false)
                ?? throw new ModelNotFoundException($"Model '{key.Name}' has no version {key.Version}.");
            var bytes = await _registry.GetVerifiedArtifactAsync(manifest, token).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var model = ServedModel.Load(manifest, bytes, _sessions, _options.Batching, _metrics, _time);
            try
            {
                model.WarmUp();
            }
            catch
            {
                await model.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _logger.Loaded(key.Name, key.Version, _sessions.ExecutionProvider, model.IsBatchable, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return model;
        }
        catch (Exception e)
        {
            _versions.TryRemove(KeyValuePair.Create(key, self));
            if (e is not ModelNotFoundException)
            {
                _logger.LoadFailed(key.Name, key.Version, e);
            }

            throw;
        }
    }
}
