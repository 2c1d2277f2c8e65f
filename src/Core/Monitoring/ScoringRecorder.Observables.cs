using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serverless.Core.Monitoring;

/// <summary>
/// Cumulative per-feature and per-class counts are exposed as observable counters, read from the totals only when
/// an exporter collects, so the hot path pays for them once per request (an array add) instead of once per tag set.
/// </summary>
public sealed partial class ScoringRecorder
{
    private void CreateObservableInstruments(Meter meter)
    {
        meter.CreateObservableCounter("serverless.input.missing", () => Observe(FeatureCount.Missing), "{value}",
            "Missing (null or absent) values per feature.");
        meter.CreateObservableCounter("serverless.input.out_of_range", () => Observe(FeatureCount.OutOfRange), "{value}",
            "Numeric values outside the training minimum..maximum per feature.");
        meter.CreateObservableCounter("serverless.input.values", () => Observe(FeatureCount.Rows), "{value}",
            "Values seen per feature (missing included): the denominator of the missing fraction.");
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

    private IEnumerable<Measurement<long>> Observe(FeatureCount what)
    {
        var measurements = new List<Measurement<long>>();
        foreach (var monitor in Monitors)
        {
            var layout = monitor.Layout;
            lock (monitor.TotalsGate)
            {
                foreach (var feature in layout.Features)
                {
                    var value = what switch
                    {
                        FeatureCount.Missing => monitor.Totals[feature.Missing],
                        FeatureCount.OutOfRange => monitor.Totals[feature.Below] + monitor.Totals[feature.Above],
                        _ => Sum(monitor.Totals.AsSpan(feature.Offset, feature.Bins)) + monitor.Totals[feature.Missing],
                    };
                    measurements.Add(new Measurement<long>(value, new TagList
                    {
                        { MonitoringTelemetry.ModelTag, layout.Manifest.Name }, { MonitoringTelemetry.VersionTag, layout.VersionTag },
                        { MonitoringTelemetry.FeatureTag, feature.Name },
                    }));
                }
            }
        }

        return measurements;
    }

    private IEnumerable<Measurement<long>> ObserveClasses()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var monitor in Monitors)
        {
            var layout = monitor.Layout;
            lock (monitor.TotalsGate)
            {
                for (var c = 0; c < layout.Classes.Count; c++)
                {
                    measurements.Add(new Measurement<long>(monitor.Totals[layout.ClassOffset + c], new TagList
                    {
                        { MonitoringTelemetry.ModelTag, layout.Manifest.Name }, { MonitoringTelemetry.VersionTag, layout.VersionTag },
                        { MonitoringTelemetry.ClassTag, layout.Classes[c] },
                    }));
                }
            }
        }

        return measurements;
    }

    private IEnumerable<Measurement<long>> ObserveInvalid()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var monitor in Monitors)
        {
            long invalid;
            lock (monitor.TotalsGate)
            {
                invalid = monitor.Totals[monitor.Layout.InvalidOffset];
            }

            measurements.Add(new Measurement<long>(invalid, new TagList
            {
                { MonitoringTelemetry.ModelTag, monitor.Layout.Manifest.Name }, { MonitoringTelemetry.VersionTag, monitor.Layout.VersionTag },
            }));
        }

        return measurements;
    }

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
