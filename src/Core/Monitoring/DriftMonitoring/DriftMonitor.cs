using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;

namespace Serverless.Core.Monitoring.DriftMonitoring;

/// <summary>
/// The scheduled drift check, one handler for both hosts (a Functions timer trigger, a hosted timer in the local host):
/// every model's versions that scored in the last <see cref="DriftOptions.Window"/> are judged against their training
/// histograms; the result is recorded (<see cref="DriftCheckStore"/>), and a model at <see cref="DriftLevel.Act"/> is acted on
/// per <see cref="DriftOptions.Policy"/>: notified, or notified and retrained with reason <c>drift</c>.
/// </summary>
/// <remarks>
/// At most one action per model per <see cref="DriftOptions.Cooldown"/>, across instances (an ETag-conditioned claim). A
/// failed action gives the claim back. A model whose check fails is logged and skipped; the others are still checked.
/// Thread-safe singleton.
/// </remarks>
public sealed class DriftMonitor(
    IModelRegistry registry, IWindowReader windows, DriftCheckStore store, IDriftNotifier notifier, TimeProvider time,
    IOptions<DriftOptions> options, ILogger<DriftMonitor> logger)
{
    /// <summary>The reason a drift-started retrain carries.</summary>
    public const string RetrainReason = "drift";

    /// <summary>Checks every model once.</summary>
    /// <param name="retrain">Starts the retrain orchestration (the host's Durable client); null: notify only.</param>
    public async Task<IReadOnlyList<DriftCheck>> RunAsync(IRetrainStarter? retrain, CancellationToken cancellationToken = default)
    {
        var checks = new List<DriftCheck>();
        foreach (var model in await registry.ListModelsAsync(cancellationToken))
        {
            try
            {
                checks.Add(await CheckAsync(model, retrain, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.DriftCheckFailed(model, e);
            }
        }

        return checks;
    }

    /// <summary>Checks one model, acts per policy and records the check.</summary>
    public async Task<DriftCheck> CheckAsync(string model, IRetrainStarter? retrain, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var from = now - o.Window;
        var reports = new List<DriftReport>();
        foreach (var version in await windows.ReadAsync(model, from, now, cancellationToken: cancellationToken))
        {
            if (await registry.GetManifestAsync(model, version.Version, cancellationToken) is { } manifest)
            {
                reports.Add(DriftAnalyzer.Analyze(manifest, version.Total, o.ThresholdsFor(model)));
            }
        }

        var level = reports.Count == 0 ? DriftLevel.InsufficientData : reports.Max(r => r.Level);
        var check = new DriftCheck(model, now, from, level, DriftAction.None, reports);
        if (level == DriftLevel.Act)
        {
            check = await ActAsync(check, retrain, cancellationToken);
        }

        await store.WriteAsync(check, cancellationToken);
        return check;
    }

    private async Task<DriftCheck> ActAsync(DriftCheck check, IRetrainStarter? retrain, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var (claimed, previous) = await store.TryClaimAsync(check.Model, check.CheckedAt, o.Cooldown, cancellationToken);
        if (!claimed)
        {
            return check with { Action = DriftAction.Cooldown };
        }

        try
        {
            var detail = DriftText.Describe(check);
            if (o.Policy == DriftPolicy.Retrain && retrain is not null)
            {
                var worst = check.Versions.Where(v => v.Level == DriftLevel.Act).MaxBy(v => v.Version)!;
                // One retrain per model: a retrain already running for this model is joined, not doubled.
                var id = await retrain.StartAsync(new RetrainRequest(check.Model, RetrainReason, worst.Version, detail, check.CheckedAt), cancellationToken);
                check = check with { Action = DriftAction.RetrainStarted, Retrain = id, Detail = detail };
            }
            else
            {
                check = check with { Action = DriftAction.Notified, Detail = detail };
            }

            await notifier.NotifyAsync(check, cancellationToken);
            return check;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.DriftActionFailed(check.Model, e);
            await store.ReleaseAsync(check.Model, previous, cancellationToken);
            return check with { Action = DriftAction.Failed, Detail = e.Message };
        }
    }
}
