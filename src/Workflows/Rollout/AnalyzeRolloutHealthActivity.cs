using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Core.Monitoring;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Rollout;
using Serverless.Core.Rollout.Health;

namespace Serverless.Workflows.Rollout;

/// <summary>
/// The health analysis of one rollout step (<see cref="HealthAnalyzer"/>): the candidate's window statistics over the bake
/// against the champion's over the bake and the baseline before the rollout, plus live accuracy where feedback exists.
/// </summary>
/// <remarks>
/// Reads only, so a rerun is harmless; the orchestration records the report it returned. Windows are whole minutes
/// (<see cref="IWindowReader"/>): the bake's first minute counts whole, and what instances flush after <c>To</c> counts
/// in the next analysis.
/// </remarks>
public sealed class AnalyzeRolloutHealthActivity(IWindowReader windows, AccuracyService accuracy, IOptions<RolloutOptions> options)
    : TaskActivity<HealthAnalysisInput, HealthReport>
{
    public override async Task<HealthReport> RunAsync(TaskActivityContext context, HealthAnalysisInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var thresholds = options.Value.Health;
        var from = new DateTimeOffset(input.From, TimeSpan.Zero);
        var to = new DateTimeOffset(input.To, TimeSpan.Zero);
        var baseline = new DateTimeOffset(input.RolloutStarted, TimeSpan.Zero) - thresholds.Baseline;
        var championFrom = baseline < from ? baseline : from;

        var candidate = (await windows.ReadAsync(input.Model, from, to, input.Candidate)).FirstOrDefault()?.Total;
        var champion = (await windows.ReadAsync(input.Model, championFrom, to, input.Champion)).FirstOrDefault()?.Total;
        var labels = to > championFrom ? await accuracy.GetAsync(input.Model, championFrom, to, null, to - championFrom) : null;
        AccuracyMetrics? Labelled(int version) => labels?.Groups.FirstOrDefault(g => g.Version == version && g.Variant is null)?.Total;

        return HealthAnalyzer.Analyze(input.Candidate, candidate, input.Champion, champion, Labelled(input.Candidate), Labelled(input.Champion), thresholds, from, to);
    }
}
