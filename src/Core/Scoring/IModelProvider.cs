using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>
/// Resolves a model name (and optional version) to a loaded <see cref="IScoringModel"/> from cache.
/// With no version, the champion of the cached deployment state answers. The hot path never waits on
/// the control plane once a version is loaded.
/// </summary>
public interface IModelProvider
{
    /// <exception cref="ModelNotFoundException">Unknown model or version, or no champion set.</exception>
    /// <exception cref="Models.ArtifactIntegrityException">The artifact failed verification; nothing is loaded.</exception>
    ValueTask<IScoringModel> GetAsync(string name, int? version, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version for one unversioned request under the model's deployment (champion, canary, A/B variant, ...) and
    /// why; requests with the same <paramref name="routingKey"/> get the same version while the split stays.
    /// </summary>
    /// <exception cref="ModelNotFoundException">Unknown model, or no champion set.</exception>
    ValueTask<RoutedModel> RouteAsync(string name, string? routingKey, CancellationToken cancellationToken = default) =>
        RouteToChampionAsync(this, name, cancellationToken);

    /// <summary>
    /// The model's automation level from its cached deployment state (for requests that name a version; routed requests
    /// get it with their route). Completes synchronously once the model's route is cached.
    /// </summary>
    ValueTask<ModelAutomation> AutomationAsync(string name, CancellationToken cancellationToken = default) => new(ModelAutomation.Full);

    /// <summary>The record field that makes a request sticky for this model (from its cached deployment), or null.</summary>
    string? RoutingKeyField(string name) => null;

    /// <summary>
    /// As <see cref="RoutingKeyField"/>, loading the model's route first when it is not cached yet, so a model's very
    /// first request is sticky by field too. Null (never throws) for an unknown or unservable model: resolving it says why.
    /// </summary>
    ValueTask<string?> RoutingKeyFieldAsync(string name, CancellationToken cancellationToken = default) => new(RoutingKeyField(name));

    /// <summary>
    /// Why each version whose last load was refused (artifact failed SHA-256 verification, or the model does not
    /// load) cannot be served, one message per version naming it; empty when every version tried has loaded.
    /// </summary>
    IReadOnlyList<string> Unservable => [];

    private static async ValueTask<RoutedModel> RouteToChampionAsync(IModelProvider provider, string name, CancellationToken cancellationToken) =>
        new(await provider.GetAsync(name, null, cancellationToken).ConfigureAwait(false), RouteReasons.Champion);
}
