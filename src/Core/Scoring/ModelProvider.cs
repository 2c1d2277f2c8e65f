using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>
/// Cached ONNX sessions per (model, version) and cached routes per model (champion, challenger, split).
/// </summary>
/// <remarks>
/// Thread-safe. Guarantees:
/// <list type="bullet">
/// <item>A version is loaded once: concurrent first requests share one load (manifest, verified artifact,
/// session, warm-up). A failed load (unknown version, <see cref="ArtifactIntegrityException"/>, invalid model) caches
/// nothing, so the next request tries again, and does not touch any other version or route.</item>
/// <item>Once warm, <see cref="RouteAsync"/> completes synchronously from memory: unversioned requests read the cached
/// <see cref="ModelRoute"/>, which <see cref="RefreshAsync"/> rebuilds in the background within
/// <see cref="ScoringOptions.DeploymentRefreshInterval"/> of a state change. Every version of a new route is loaded,
/// verified and warmed before the route switches to it.</item>
/// <item>A version that fails to load or verify (also later: a routed artifact whose blob changed is re-verified) is
/// never routed to: its traffic moves to the last known good at once on this instance, and
/// <see cref="IServingFailover"/> records it in the deployment state for every instance.</item>
/// <item>A session is retired only when no route uses it and it has been idle for
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
    private readonly IServingFailover? _failover;
    private readonly ConcurrentDictionary<(string Name, int Version), Lazy<Task<OnnxScoringModel>>> _sessions = new();
    private readonly ConcurrentDictionary<string, ModelRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, int Version), string> _unservable = new();
    private readonly ConcurrentDictionary<(string Name, int Version), string> _artifactTags = new();
    private readonly ConcurrentDictionary<(string Name, int Version), byte> _reported = new();
    private readonly CancellationTokenSource _shutdown = new();

    public ModelProvider(
        IModelRegistry registry, IOptions<ScoringOptions> options, ILogger<ModelProvider> logger, TimeProvider time, IServingFailover? failover = null)
    {
        _registry = registry;
        _options = options.Value;
        _logger = logger;
        _time = time;
        _failover = failover;
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

        return _routes.TryGetValue(name, out var route)
            ? new ValueTask<IScoringModel>(route.Primary)
            : new ValueTask<IScoringModel>(PrimaryAsync(name, cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask<RoutedModel> RouteAsync(string name, string? routingKey, CancellationToken cancellationToken = default) =>
        _routes.TryGetValue(name, out var route)
            ? new ValueTask<RoutedModel>(route.Pick(routingKey))
            : new ValueTask<RoutedModel>(PickColdAsync(name, routingKey, cancellationToken));

    /// <inheritdoc />
    public string? RoutingKeyField(string name) => _routes.TryGetValue(name, out var route) ? route.State.RoutingKeyField : null;

    /// <inheritdoc />
    public ValueTask<string?> RoutingKeyFieldAsync(string name, CancellationToken cancellationToken = default) =>
        _routes.TryGetValue(name, out var route)
            ? new ValueTask<string?>(route.State.RoutingKeyField)
            : ColdRoutingKeyFieldAsync(name, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<string> Unservable => [.. _unservable.OrderBy(p => p.Key).Select(p => p.Value)];

    /// <summary>The versions whose sessions are loaded or loading (for diagnostics and tests).</summary>
    internal IReadOnlyCollection<(string Name, int Version)> CachedVersions => [.. _sessions.Keys];

    /// <summary>The version unversioned requests go to (champion or its fallback), or null when not cached.</summary>
    internal int? RoutedChampion(string name) => _routes.TryGetValue(name, out var route) ? route.Primary.Manifest.Version : null;

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
        _routes.Clear();
    }

    private static async Task<IScoringModel> AwaitAsync(Task<OnnxScoringModel> load, CancellationToken cancellationToken) =>
        await load.WaitAsync(cancellationToken).ConfigureAwait(false);

    private async Task<IScoringModel> PrimaryAsync(string name, CancellationToken cancellationToken) =>
        (await ColdRouteAsync(name, cancellationToken).ConfigureAwait(false)).Primary;

    private async Task<RoutedModel> PickColdAsync(string name, string? routingKey, CancellationToken cancellationToken) =>
        (await ColdRouteAsync(name, cancellationToken).ConfigureAwait(false)).Pick(routingKey);

    private async ValueTask<string?> ColdRoutingKeyFieldAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await ColdRouteAsync(name, cancellationToken).ConfigureAwait(false)).State.RoutingKeyField;
        }
        catch (Exception e) when (e is ModelNotFoundException or ArtifactIntegrityException or ModelValidationException)
        {
            return null; // The request's resolution meets the same failure and answers it.
        }
    }

    private async Task<ModelRoute> ColdRouteAsync(string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            throw new ModelNotFoundException($"Model '{name}' is not registered (model names are {ModelNames.Rule}).");
        }

        var state = await _registry.GetDeploymentAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model '{name}' is not registered.");
        var route = await BuildRouteAsync(name, state, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model '{name}' has no champion version; request a version explicitly.");

        // A concurrent cold request or a refresh may have set the route already; either is current enough.
        return _routes.GetOrAdd(name, route);
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

            // The ETag is read before the bytes: if they change in between, the next refresh sees a new ETag and re-verifies.
            var etag = await _registry.GetArtifactETagAsync(manifest, token).ConfigureAwait(false);
            var bytes = await _registry.GetVerifiedArtifactAsync(manifest, token).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var model = new OnnxScoringModel(manifest, bytes, _options.IntraOpThreads, _time);
            Warm(model);
            _logger.Loaded(key.Name, key.Version, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (etag is not null)
            {
                _artifactTags[key] = etag;
            }

            _unservable.TryRemove(key, out _);
            _reported.TryRemove(key, out _);
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

    /// <summary>One scoring call on a zero row, so the first request does not pay ONNX Runtime's lazy first-run cost.</summary>
    private void Warm(OnnxScoringModel model)
    {
        if (model.Encoder is not { } encoder || model.Manifest.Task == ModelTask.Other)
        {
            return;
        }

        try
        {
            model.ScoreEncoded(new float[encoder.Width], 1);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A model whose outputs a zero row upsets still serves real rows; the warm-up is an optimisation.
            _logger.WarmUpFailed(model.Manifest.Name, model.Manifest.Version, e);
        }
    }
}
