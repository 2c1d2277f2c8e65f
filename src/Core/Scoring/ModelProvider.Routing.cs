using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

public sealed partial class ModelProvider
{
    /// <summary>
    /// Loads (verifies, warms) every version <paramref name="state"/> routes to and returns the route, or null when the
    /// state has no champion. A champion that cannot be served is replaced by its last known good (reason
    /// <see cref="RouteReasons.LastKnownGood"/>); a challenger that cannot be served gets no traffic. Both are reported
    /// to <see cref="IServingFailover"/>.
    /// </summary>
    /// <exception cref="ArtifactIntegrityException">Neither the champion nor the last known good can be served.</exception>
    /// <exception cref="ModelValidationException">Likewise.</exception>
    private async Task<ModelRoute?> BuildRouteAsync(string name, DeploymentState state, CancellationToken cancellationToken)
    {
        if (state.Champion is not int champion)
        {
            return null;
        }

        var reason = ModelRoute.PrimaryReason(state.Mode);
        var (primary, failure) = await TryLoadRoutedAsync(name, champion, state, cancellationToken).ConfigureAwait(false);
        if (primary is null && state.LastKnownGood is int good && good != champion)
        {
            (primary, _) = await TryLoadRoutedAsync(name, good, state, cancellationToken).ConfigureAwait(false);
            reason = RouteReasons.LastKnownGood;
        }

        if (primary is null)
        {
            throw failure!;
        }

        OnnxScoringModel? challenger = null;
        if (state.Mode != DeploymentMode.Single && state.Challenger is int trial && trial != primary.Manifest.Version && state.ChallengerWeight > 0)
        {
            (challenger, _) = await TryLoadRoutedAsync(name, trial, state, cancellationToken).ConfigureAwait(false);
        }

        return new ModelRoute(state, primary, reason, challenger);
    }

    /// <inheritdoc />
    public ValueTask<ModelAutomation> AutomationAsync(string name, CancellationToken cancellationToken = default) =>
        _routes.TryGetValue(name, out var route) ? new(route.State.Automation) : new(ColdAutomationAsync(name, cancellationToken));

    /// <summary>
    /// A versioned request to a model whose route is not cached yet: build the route (as its first unversioned request
    /// would), so later requests read the level from memory; when no route can be built, the stored state says.
    /// </summary>
    private async Task<ModelAutomation> ColdAutomationAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await ColdRouteAsync(name, cancellationToken).ConfigureAwait(false)).State.Automation;
        }
        catch (Exception e) when (e is ModelNotFoundException or ArtifactIntegrityException or ModelValidationException)
        {
            return (await _registry.GetDeploymentAsync(name, cancellationToken).ConfigureAwait(false))?.Automation ?? ModelAutomation.Full;
        }
    }

    /// <summary>The loaded version, or null and why when it is refused or fails to load or verify (then reported once).</summary>
    private async Task<(OnnxScoringModel? Model, Exception? Failure)> TryLoadRoutedAsync(
        string name, int version, DeploymentState state, CancellationToken cancellationToken)
    {
        if (state.Refused.FirstOrDefault(r => r.Version == version) is { } refused)
        {
            return (null, new ModelValidationException($"Model '{name}' version {version} is refused: {refused.Reason}"));
        }

        try
        {
            return (await GetOrLoad(name, version).WaitAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is ArtifactIntegrityException or ModelValidationException)
        {
            await ReportUnservableAsync(name, version, e.Message, cancellationToken).ConfigureAwait(false);
            return (null, e);
        }
    }

    /// <summary>Tells the control plane once per version (until it loads again); its failure only logs, routing goes on.</summary>
    private async Task ReportUnservableAsync(string name, int version, string reason, CancellationToken cancellationToken)
    {
        if (_failover is null || !_reported.TryAdd((name, version), 0))
        {
            return;
        }

        try
        {
            await _failover.VersionUnservableAsync(name, version, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _reported.TryRemove((name, version), out _); // Try again at the next refresh.
            _logger.FailoverReportFailed(name, version, e);
        }
    }
}
