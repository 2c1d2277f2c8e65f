using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Serverless.Core.Monitoring;

/// <summary>
/// Counts are exposed as observable counters read from each version's totals when an exporter collects, so the hot
/// path pays for them once per call (a few increments under a lock it holds anyway) instead of once per tag set.
/// </summary>
public sealed partial class ScoringRecorder
{
    private void CreateObservableInstruments(Meter meter)
    {
        meter.CreateObservableCounter("serverless.scoring.requests", () => ObservePerEndpoint(m => m.TotalRequests), "{request}",
            "Scoring calls that reached a model version (scored or refused).");
        meter.CreateObservableCounter("serverless.scoring.records", () => ObservePerEndpoint(m => m.TotalRecords), "{record}",
            "Records (rows) scored; per call = records / requests.");
        meter.CreateObservableCounter("serverless.scoring.stage.time", ObserveStages, "s",
            "Time spent per stage of the scoring pipeline; per call = time / requests.");
        meter.CreateObservableCounter("serverless.input.missing", () => ObserveFeatures(FeatureCount.Missing), "{value}",
            "Missing (null or absent) values per feature.");
        meter.CreateObservableCounter("serverless.input.out_of_range", () => ObserveFeatures(FeatureCount.OutOfRange), "{value}",
            "Numeric values outside the training minimum..maximum per feature.");
        meter.CreateObservableCounter("serverless.input.values", () => ObserveFeatures(FeatureCount.Rows), "{value}",
            "Values seen per feature (missing included): the denominator of the missing fraction.");
        meter.CreateObservableCounter("serverless.output.score.bins", ObserveScores, "{record}",
            "Scored records per score bin (the training score histogram's bins): the score distribution.");
        meter.CreateObservableCounter("serverless.output.classes", ObserveClasses, "{record}", "Predicted records per class label.");
        meter.CreateObservableCounter("serverless.output.invalid", ObserveInvalid, "{record}", "Records whose output was NaN, infinite or null.");
        meter.CreateObservableUpDownCounter("serverless.process.memory.usage", () => Environment.WorkingSet, "By",
            "Physical memory of the process (working set).");
        meter.CreateObservableCounter("serverless.process.cpu.time", () => Environment.CpuUsage.TotalTime.TotalSeconds, "s",
            "CPU time the process has used (user and system).");
    }

    private enum FeatureCount
    {
        Missing,
        OutOfRange,
        Rows,
    }

    private List<Measurement<long>> ObservePerEndpoint(Func<VersionMonitor, long[]> totals)
    {
        var measurements = new List<Measurement<long>>();
        foreach (var monitor in Monitors)
        {
            lock (monitor.Gate)
            {
                var values = totals(monitor);
                for (var e = 0; e < values.Length; e++)
                {
                    if (values[e] > 0)
                    {
                        measurements.Add(new Measurement<long>(values[e], monitor.EndpointTags[e]));
                    }
                }
            }
        }

        return measurements;
    }

    private List<Measurement<double>> ObserveStages()
    {
        var measurements = new List<Measurement<double>>();
        foreach (var monitor in Monitors)
        {
            lock (monitor.Gate)
            {
                for (var s = 0; s < WindowAccumulator.Stages.Length; s++)
                {
                    if (monitor.TotalStageSeconds[s] > 0)
                    {
                        measurements.Add(new Measurement<double>(monitor.TotalStageSeconds[s], Tags(monitor, MonitoringTelemetry.StageTag, WindowAccumulator.Stages[s])));
                    }
                }
            }
        }

        return measurements;
    }

    private List<Measurement<long>> ObserveFeatures(FeatureCount what)
    {
        var measurements = new List<Measurement<long>>();
        foreach (var monitor in Monitors)
        {
            lock (monitor.Gate)
            {
                var totals = monitor.Totals;
                foreach (var feature in monitor.Layout.Features)
                {
                    var value = what switch
                    {
                        FeatureCount.Missing => totals[feature.Missing],
                        FeatureCount.OutOfRange => totals[feature.Below] + totals[feature.Above],
                        _ => Sum(totals.AsSpan(feature.Offset, feature.Bins)) + totals[feature.Missing],
                    };
                    measurements.Add(new Measurement<long>(value, Tags(monitor, MonitoringTelemetry.FeatureTag, feature.Name)));
                }
            }
        }

        return measurements;
    }

    private List<Measurement<long>> ObserveScores()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var monitor in Monitors)
        {
            var layout = monitor.Layout;
            lock (monitor.Gate)
            {
                for (var b = 0; b <= layout.ScoreEdges.Length; b++)
                {
                    var low = b == 0 ? "-inf" : layout.ScoreEdges[b - 1].ToString("R", CultureInfo.InvariantCulture);
                    var high = b == layout.ScoreEdges.Length ? "inf" : layout.ScoreEdges[b].ToString("R", CultureInfo.InvariantCulture);
                    measurements.Add(new Measurement<long>(monitor.Totals[layout.ScoreOffset + b], Tags(monitor, MonitoringTelemetry.ScoreBinTag, $"[{low},{high})")));
                }
            }
        }

        return measurements;
    }

    private List<Measurement<long>> ObserveClasses()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var monitor in Monitors)
        {
            var layout = monitor.Layout;
            lock (monitor.Gate)
            {
                for (var c = 0; c < layout.Classes.Count; c++)
                {
                    measurements.Add(new Measurement<long>(monitor.Totals[layout.ClassOffset + c], Tags(monitor, MonitoringTelemetry.ClassTag, layout.Classes[c])));
                }
            }
        }

        return measurements;
    }

    private List<Measurement<long>> ObserveInvalid()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var monitor in Monitors)
        {
            lock (monitor.Gate)
            {
                measurements.Add(new Measurement<long>(monitor.Totals[monitor.Layout.InvalidOffset], new TagList
                {
                    { MonitoringTelemetry.ModelTag, monitor.Layout.Manifest.Name }, { MonitoringTelemetry.VersionTag, monitor.Layout.VersionTag },
                }));
            }
        }

        return measurements;
    }

    private static TagList Tags(VersionMonitor monitor, string key, string value) => new()
    {
        { MonitoringTelemetry.ModelTag, monitor.Layout.Manifest.Name }, { MonitoringTelemetry.VersionTag, monitor.Layout.VersionTag }, { key, value },
    };

    private static long Sum(ReadOnlySpan<long> values)
    {
        long total = 0;
        foreach (var v in values)
        {
            total += v;
        }

        return total;
    }
}
