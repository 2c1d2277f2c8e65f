using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Monitoring.GroundTruth;
using Serverless.Core.Scoring;

namespace Serverless.Core.Monitoring;

/// <summary>
/// The hot path's one call into monitoring: each scoring request (or batch block) is recorded into this instance's
/// per-minute <see cref="WindowAggregate"/> of its model version and the OpenTelemetry instruments.
/// </summary>
/// <remarks>
/// Never blocks on I/O and never throws. Per-row work (binning) happens outside any lock; the lock covers a run of
/// increments. Only the latency histogram is recorded per call; every other instrument is observable and reads the
/// totals when an exporter collects. A failure inside recording is counted and logged once; the prediction is
/// served regardless. Flushing to storage is <see cref="WindowFlusher"/>'s job. Thread-safe singleton.
/// </remarks>
public sealed partial class ScoringRecorder : IScoringObserver
{
    private const int StackIndices = 256;

    private readonly ConcurrentDictionary<(string Model, int Version), VersionMonitor> _monitors = new();
    private readonly ScoringInstruments _instruments;
    private readonly TimeProvider _time;
    private readonly ILogger<ScoringRecorder> _logger;
    private readonly PredictionLog? _predictions;
    private VersionMonitor? _last;
    private long _failures;

    /// <param name="predictions">The sampled prediction log scored requests are queued to; none when null.</param>
    public ScoringRecorder(
        ScoringInstruments instruments, TimeProvider time, IOptions<MonitoringOptions> options, ILogger<ScoringRecorder> logger, PredictionLog? predictions = null)
    {
        _predictions = predictions;
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

    /// <summary>The monitors of every version seen so far (for flushing and observable instruments).</summary>
    internal ICollection<VersionMonitor> Monitors => _monitors.Values;

    /// <inheritdoc />
    public void RecordScored(
        ModelManifest manifest, string endpoint, ReadOnlySpan<float> features, int rows, TabularPredictions? predictions, in ScoringTimings timings,
        in ScoringCall call = default)
    {
        if (!Enabled)
        {
            return;
        }

        int[]? rented = null;
        try
        {
            var monitor = MonitorOf(manifest);
            var layout = monitor.Layout;
            var minute = WindowKey.MinuteOf(_time.GetUtcNow());
            var e = VersionMonitor.EndpointIndex(endpoint);

            // A few records: the list of indices they increment is shorter than the layout, so only those are added under
            // the lock. Many records: they are counted per bin on the stack, and the lock adds the array once.
            var capacity = RowStatistics.Capacity(layout, Math.Max(rows, predictions?.Rows ?? 0));
            var sparse = capacity <= layout.Size;
            var length = sparse ? capacity : layout.Size;
            var buffer = length <= StackIndices ? stackalloc int[StackIndices] : (rented = ArrayPool<int>.Shared.Rent(length));
            double scoreSum;
            scoped CountIndices indices = default;
            scoped CountBins bins = default;
            if (sparse)
            {
                indices = new CountIndices(buffer);
                scoreSum = RowStatistics.Count(layout, features, rows, predictions, ref indices);
            }
            else
            {
                buffer = buffer[..length];
                buffer.Clear();
                bins = new CountBins(buffer);
                scoreSum = RowStatistics.Count(layout, features, rows, predictions, ref bins);
            }

            lock (monitor.Gate)
            {
                var accumulator = monitor.For(minute);
                if (sparse)
                {
                    monitor.AddIndices(accumulator, indices.Written);
                }
                else
                {
                    monitor.AddCounts(accumulator, bins.Counts);
                }

                accumulator.Requests++;
                accumulator.Records += rows;
                accumulator.ScoreSum += scoreSum;
                accumulator.AddTimings(timings);
                accumulator.Dirty = true;
                monitor.TotalRequests[e]++;
                monitor.TotalRecords[e] += rows;
                AddStages(monitor.TotalStageSeconds, timings);
            }

            if (_instruments.Duration.Enabled)
            {
                _instruments.Duration.Record(timings.Total.TotalSeconds, monitor.EndpointTags[e]);
            }

            _predictions?.TryEnqueue(manifest, endpoint, features, rows, predictions, call);
        }
        catch (Exception e)
        {
            Failed(e);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc />
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
            var known = feature is not null && monitor.Layout.Features.Any(f => f.Name == feature);
            var e = VersionMonitor.EndpointIndex(endpoint);
            lock (monitor.Gate)
            {
                var accumulator = monitor.For(WindowKey.MinuteOf(_time.GetUtcNow()));
                accumulator.Requests++;
                accumulator.Errors[errorKind] = accumulator.Errors.GetValueOrDefault(errorKind) + 1;
                if (known)
                {
                    accumulator.UnseenCategories[feature!] = accumulator.UnseenCategories.GetValueOrDefault(feature!) + 1;
                }

                accumulator.AddTimings(timings);
                accumulator.Dirty = true;
                monitor.TotalRequests[e]++;
            }

            var tags = new TagList(monitor.EndpointTags[e]) { { MonitoringTelemetry.ErrorTypeTag, errorKind } };
            _instruments.Errors.Add(1, tags);
            _instruments.Duration.Record(timings.Total.TotalSeconds, tags);
            if (known && errorKind == ScoringErrorKinds.UnseenCategory)
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

    /// <summary>Records, in the serving version's window, how many records a shadow version scored alongside it, how many agreed and the score difference.</summary>
    public void RecordShadow(ModelManifest serving, int shadowVersion, in ShadowComparison comparison)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            var monitor = MonitorOf(serving);
            lock (monitor.Gate)
            {
                var accumulator = monitor.For(WindowKey.MinuteOf(_time.GetUtcNow()));
                accumulator.ShadowCompared += comparison.Compared;
                accumulator.ShadowAgreed += comparison.Agreed;
                accumulator.ShadowScoreDifference += comparison.ScoreDifference;
                accumulator.Dirty = true;
            }

            var tags = ShadowTags(serving, monitor.Layout.VersionTag, shadowVersion);
            _instruments.ShadowCompared.Add(comparison.Compared, tags);
            _instruments.ShadowAgreed.Add(comparison.Agreed, tags);
            _instruments.ShadowScoreDifference.Record(comparison.ScoreDifference / comparison.Compared, tags);
        }
        catch (Exception e)
        {
            Failed(e);
        }
    }

    /// <summary>Counts a shadow copy dropped under pressure.</summary>
    public void RecordShadowDropped(ModelManifest serving, int shadowVersion)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            _instruments.ShadowDropped.Add(1, ShadowTags(serving, MonitorOf(serving).Layout.VersionTag, shadowVersion));
        }
        catch (Exception e)
        {
            Failed(e);
        }
    }

    private static TagList ShadowTags(ModelManifest serving, string versionTag, int shadowVersion) => new()
    {
        { MonitoringTelemetry.ModelTag, serving.Name }, { MonitoringTelemetry.VersionTag, versionTag },
        { MonitoringTelemetry.ShadowVersionTag, shadowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    /// <summary>This instance's not yet released minutes of one version, merged; null when it recorded none.</summary>
    public WindowAggregate? Recent(string model, int version) =>
        _monitors.TryGetValue((model, version), out var monitor) ? monitor.Snapshot() : null;

    private VersionMonitor MonitorOf(ModelManifest manifest)
    {
        // Consecutive calls are mostly for the same loaded version, whose manifest is one shared instance.
        var last = _last;
        if (last is not null && ReferenceEquals(last.Layout.Manifest, manifest))
        {
            return last;
        }

        var monitor = _monitors.GetOrAdd((manifest.Name, manifest.Version), static (_, m) => new VersionMonitor(new VersionLayout(m)), manifest);
        _last = monitor;
        return monitor;
    }

    private static void AddStages(double[] seconds, in ScoringTimings timings)
    {
        seconds[0] += timings.Parse.TotalSeconds;
        seconds[1] += timings.Encode.TotalSeconds;
        seconds[2] += timings.Infer.TotalSeconds;
        seconds[3] += timings.Write.TotalSeconds;
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
