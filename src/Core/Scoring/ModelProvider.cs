using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>
/// Cached ONNX sessions per (model, version) and cached champion routes per model.
/// </summary>
/// <remarks>
/// Thread-safe. Guarantees:
/// <list type="bullet">
/// <item>A version is loaded once: concurrent first requests share one load (manifest, verified artifact,
/// session). A failed load (unknown version, <see cref="ArtifactIntegrityException"/>, invalid model) caches
/// nothing, so the next request tries again, and does not touch any other version or route.</item>
/// <item>Once warm, <see cref="GetAsync"/> completes synchronously from memory: unversioned requests read
/// the cached champion route, which <see cref="RefreshAsync"/> updates in the background. A new champion is
/// loaded before the route switches to it; if it cannot load, the old champion keeps serving.</item>
/// <item>A session is retired only when it is no champion and has been idle for
/// <see cref="ScoringOptions.IdleSessionTimeout"/>; it is disposed one refresh later, and even then the
/// native session lives until its last in-flight call returns (see <see cref="OnnxScoringModel.Dispose"/>).</item>
/// </list>
/// </remarks>
public sealed partial class ModelProvider : IModelProvider, IDisposable
{
    private readonly IModelRegistry _registry;
    private readonly ScoringOptions _options;
    private readonly ILogger<ModelProvider> _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string Name, int Version), Lazy<Task<OnnxScoringModel>>> _sessions = new();
    private readonly ConcurrentDictionary<string, ChampionRoute> _champions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, int Version), string> _unservable = new();
    private readonly CancellationTokenSource _shutdown = new();

    public ModelProvider(IModelRegistry registry, IOptions<ScoringOptions> options, ILogger<ModelProvider> logger, TimeProvider time)
    {
        _registry = registry;
        _options = options.Value;
        _logger = logger;
        _time = time;
    }

    /// <inheritdoc />
    public ValueTask<IScoringModel> GetAsync(string name, int? version, CancellationToken cancellationToken = default)
    {
        if (version is int number)
        {
            var load = GetOrLoad(name, number);
            return load.IsCompletedSuccessfully
                ? new ValueTask<IScoringModel>(load.Result)
                : new ValueTask<IScoringModel>(AwaitAsync(load, cancellationToken));
        }

        return _champions.TryGetValue(name, out var route)
            ? new ValueTask<IScoringModel>(route.Model)
            : new ValueTask<IScoringModel>(LoadChampionAsync(name, cancellationToken));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Unservable => [.. _unservable.OrderBy(p => p.Key).Select(p => p.Value)];

    /// <summary>The versions whose sessions are loaded or loading (for diagnostics and tests).</summary>
    internal IReadOnlyCollection<(string Name, int Version)> CachedVersions => [.. _sessions.Keys];

    /// <summary>The champion version unversioned requests are routed to, or null when not cached.</summary>
    internal int? RoutedChampion(string name) => _champions.TryGetValue(name, out var route) ? route.Version : null;

    /// <summary>Releases every session (at host shutdown); in-flight calls finish first.</summary>
    public void Dispose()
    {
        _shutdown.Cancel();
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result.Dispose();
            }
        }

        foreach (var model in _retiring)
        {
            model.Dispose();
        }

        _sessions.Clear();
        _champions.Clear();
    }

    private static async Task<IScoringModel> AwaitAsync(Task<OnnxScoringModel> load, CancellationToken cancellationToken) =>
        await load.WaitAsync(cancellationToken).ConfigureAwait(false);

    private async Task<IScoringModel> LoadChampionAsync(string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            throw new ModelNotFoundException($"Model '{name}' is not registered (model names are {ModelNames.Rule}).");
        }

        var state = await _registry.GetDeploymentAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model '{name}' is not registered.");
        if (state.Champion is not int champion)
        {
            throw new ModelNotFoundException($"Model '{name}' has no champion version; request a version explicitly.");
        }

        var model = await GetOrLoad(name, champion).WaitAsync(cancellationToken).ConfigureAwait(false);

        // A concurrent cold request or a refresh may have set the route already; either is current enough.
        return _champions.GetOrAdd(name, new ChampionRoute(champion, model)).Model;
    }

    /// <summary>The shared load of one version; the task is not tied to any one caller's cancellation.</summary>
    private Task<OnnxScoringModel> GetOrLoad(string name, int version) =>
        _sessions.GetOrAdd((name, version), static (key, self) => self.CreateLoader(key), this).Value;

    private Lazy<Task<OnnxScoringModel>> CreateLoader((string Name, int Version) key)
    {
        Lazy<Task<OnnxScoringModel>>? self = null;
        self = new Lazy<Task<OnnxScoringModel>>(() => LoadAsync(key, self!), LazyThreadSafetyMode.ExecutionAndPublication);
        return self;
    }

    private async Task<OnnxScoringModel> LoadAsync((string Name, int Version) key, Lazy<Task<OnnxScoringModel>> self)
    {
        // Leave the caller's thread (and the Lazy's lock) before any I/O or session creation.
        await Task.Yield();
        try
        {
            var token = _shutdown.Token;
            var manifest = await _registry.GetManifestAsync(key.Name, key.Version, token).ConfigureAwait(false)
                ?? throw new ModelNotFoundException($"Model '{key.Name}' has no version {key.Version}.");
            var bytes = await _registry.GetVerifiedArtifactAsync(manifest, token).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var model = new OnnxScoringModel(manifest, bytes, _options.IntraOpThreads, _time);
            _logger.Loaded(key.Name, key.Version, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            _unservable.TryRemove(key, out _);
            return model;
        }
        catch (Exception e)
        {
            _sessions.TryRemove(KeyValuePair.Create(key, self));
            if (e is not ModelNotFoundException)
            {
                _logger.LoadFailed(key.Name, key.Version, e);
            }

            if (e is ArtifactIntegrityException or ModelValidationException)
            {
                _unservable[key] = $"Model '{key.Name}' version {key.Version}: {e.Message}";
            }

            throw;
        }
    }
}
