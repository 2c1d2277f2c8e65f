using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring;

/// <summary>
/// The hot path's one call into monitoring: each scoring request (or batch block) is recorded into the OpenTelemetry
/// instruments and this instance's per-minute <see cref="WindowAggregate"/> of its model version.
/// </summary>
/// <remarks>
/// Never blocks on I/O and never throws: per-row statistics are counted into a thread-local scratch array, then
/// added to the minute's accumulator under a short lock; a failure inside recording is counted and logged, never
/// surfaced to the prediction. Flushing to storage is <see cref="WindowFlusher"/>'s job. Thread-safe singleton.
/// </remarks>
public sealed partial class ScoringRecorder
{
    [ThreadStatic]
    private static long[]? t_scratch;

    private readonly ConcurrentDictionary<(string Model, int Version), VersionMonitor> _monitors = new();
    private readonly ScoringInstruments _instruments;
    private readonly TimeProvider _time;
    private readonly ILogger<ScoringRecorder> _logger;
    private long _failures;

    public ScoringRecorder(ScoringInstruments instruments, TimeProvider time, IOptions<MonitoringOptions> options, ILogger<ScoringRecorder> logger)
    {
        _instruments = instruments;
        _time = time;
        _logger = logger;
        Enabled = options.Value.Enabled;
        CreateObservableInstruments(instruments.Meter);
    }

    /// <summary>False when <see cref="MonitoringOptions.Enabled"/> is off: every call returns at once.</summary>
    public bool Enabled { get; }

    /// <summary>Recording calls that failed internally (and were swallowed) since start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Records a scored request or batch block.</summary>
    /// <param name="features">The encoded rows (row-major, <c>rows * features</c>); empty for tensor requests.</param>
    /// <param name="predictions">Tabular predictions, or null when the outputs are raw tensors.</param>
    public void RecordScored(
        ModelManifest manifest, string endpoint, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, in ScoringTimings timings)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            var monitor = MonitorOf(manifest);
            var layout = monitor.Layout;
            var scratch = Scratch(layout.Size);
            var scoreSum = RowStatistics.Count(layout, features, rows, predictions, scratch);
            var accumulator = monitor.For(WindowKey.MinuteOf(_time.GetUtcNow()));
            lock (accumulator.Gate)
            {
                Add(accumulator.Counts, scratch);
                accumulator.Requests++;
                accumulator.Records += rows;
                accumulator.ScoreSum += scoreSum;
                accumulator.AddTimings(timings);
                accumulator.Dirty = true;
            }

            lock (monitor.TotalsGate)
            {
                Add(monitor.Totals, scratch);
            }

            RecordInstruments(manifest.Name, layout, endpoint, rows, predictions, timings);
        }
        catch (Exception e)
        {
            Failed(e);
        }
    }

    /// <summary>Records a refused or failed request.</summary>
    /// <param name="manifest">The model version that refused it; null when none was resolved (unknown model: no model tags, no window).</param>
    /// <param name="errorKind">One of <see cref="ScoringErrorKinds"/>.</param>
    /// <param name="feature">For <see cref="ScoringErrorKinds.UnseenCategory"/>: the feature at fault.</param>
    public void RecordFailed(ModelManifest? manifest, string endpoint, string errorKind, in ScoringTimings timings, string? feature = null)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            if (manifest is null)
            {
                _instruments.Errors.Add(1, new TagList { { MonitoringTelemetry.EndpointTag, endpoint }, { MonitoringTelemetry.ErrorTypeTag, errorKind } });
                return;
            }

            var monitor = MonitorOf(manifest);
            var accumulator = monitor.For(WindowKey.MinuteOf(_time.GetUtcNow()));
            lock (accumulator.Gate)
            {
                accumulator.Requests++;
                accumulator.Errors[errorKind] = accumulator.Errors.GetValueOrDefault(errorKind) + 1;
                if (feature is not null && monitor.Layout.Features.Any(f => f.Name == feature))
                {
                    accumulator.UnseenCategories[feature] = accumulator.UnseenCategories.GetValueOrDefault(feature) + 1;
                }

                accumulator.AddTimings(timings);
                accumulator.Dirty = true;
            }

            var tags = Tags(manifest.Name, monitor.Layout.VersionTag, endpoint);
            _instruments.Requests.Add(1, tags);
            tags.Add(MonitoringTelemetry.ErrorTypeTag, errorKind);
            _instruments.Errors.Add(1, tags);
            _instruments.Duration.Record(timings.Total.TotalSeconds, tags);
            if (feature is not null && errorKind == ScoringErrorKinds.UnseenCategory)
            {
                _instruments.UnseenCategories.Add(1, new TagList
                {
                    { MonitoringTelemetry.ModelTag, manifest.Name }, { MonitoringTelemetry.VersionTag, monitor.Layout.VersionTag },
                    { MonitoringTelemetry.FeatureTag, feature },
                });
            }
        }
        catch (Exception e)
        {
            Failed(e);
        }
    }

    /// <summary>Records how many records a shadow version scored alongside the serving one, and how many agreed.</summary>
    public void RecordShadow(ModelManifest serving, int shadowVersion, int compared, int agreed)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            var monitor = MonitorOf(serving);
            var accumulator = monitor.For(WindowKey.MinuteOf(_time.GetUtcNow()));
            lock (accumulator.Gate)
            {
                accumulator.ShadowCompared += compared;
                accumulator.ShadowAgreed += agreed;
                accumulator.Dirty = true;
            }

            var tags = new TagList
            {
                { MonitoringTelemetry.ModelTag, serving.Name }, { MonitoringTelemetry.VersionTag, monitor.Layout.VersionTag },
                { MonitoringTelemetry.ShadowVersionTag, shadowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
            _instruments.ShadowCompared.Add(compared, tags);
            _instruments.ShadowAgreed.Add(agreed, tags);
        }
        catch (Exception e)
        {
            Failed(e);
        }
    }

    /// <summary>This instance's not yet released minutes of one version, merged; null when it recorded none.</summary>
    public WindowAggregate? Recent(string model, int version) =>
        _monitors.TryGetValue((model, version), out var monitor) ? monitor.Snapshot() : null;

    /// <summary>The monitors of every version seen so far (for flushing and observable instruments).</summary>
    internal ICollection<VersionMonitor> Monitors => _monitors.Values;

    private VersionMonitor MonitorOf(ModelManifest manifest) =>
        _monitors.TryGetValue((manifest.Name, manifest.Version), out var monitor)
            ? monitor
            : _monitors.GetOrAdd((manifest.Name, manifest.Version), static (_, m) => new VersionMonitor(new VersionLayout(m)), manifest);

    private void RecordInstruments(string model, VersionLayout layout, string endpoint, int rows, TabularPredictions? predictions, in ScoringTimings timings)
    {
        var tags = Tags(model, layout.VersionTag, endpoint);
        _instruments.Requests.Add(1, tags);
        _instruments.Duration.Record(timings.Total.TotalSeconds, tags);
        _instruments.RecordsPerRequest.Record(rows, tags);
        _instruments.RecordStages(timings, model, layout.VersionTag);
        if (predictions is not null && _instruments.Score.Enabled && (predictions.Values is not null || predictions.Probabilities is not null))
        {
            var scoreTags = new TagList { { MonitoringTelemetry.ModelTag, model }, { MonitoringTelemetry.VersionTag, layout.VersionTag } };
            for (var r = 0; r < predictions.Rows; r++)
            {
                var score = RowStatistics.ScoreOf(predictions, r, layout, out _);
                if (float.IsFinite(score))
                {
                    _instruments.Score.Record(score, scoreTags);
                }
            }
        }
    }

    private static TagList Tags(string model, string version, string endpoint) => new()
    {
        { MonitoringTelemetry.ModelTag, model }, { MonitoringTelemetry.VersionTag, version }, { MonitoringTelemetry.EndpointTag, endpoint },
    };

    private static Span<long> Scratch(int size)
    {
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < size)
        {
            scratch = t_scratch = new long[Math.Max(size, 64)];
        }

        var span = scratch.AsSpan(0, size);
        span.Clear();
        return span;
    }

    private static void Add(long[] into, ReadOnlySpan<long> counts)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            into[i] += counts[i];
        }
    }

    private void Failed(Exception e)
    {
        // Only the first failure is logged: a recording bug must not flood logs on every request.
        if (Interlocked.Increment(ref _failures) == 1)
        {
            _logger.RecordingFailed(e);
        }
    }
}
