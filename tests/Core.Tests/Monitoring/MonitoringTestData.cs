using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;
using Serverless.Core.Scoring;

namespace Serverless.Core.Tests.Monitoring;

/// <summary>A small classification manifest with training histograms, and helpers to record rows against it.</summary>
internal static class MonitoringTestData
{
    /// <summary>"age": numeric, edges [30, 50], range 18..90; "plan": categorical basic/pro. Score edges [0.5].</summary>
    public static ModelManifest Manifest(string name = "churn", int version = 1) => new()
    {
        Name = name,
        Version = version,
        Task = ModelTask.Classification,
        Features = new FeatureSchema("features",
        [
            new FeatureDefinition("age", FeatureKind.Numeric),
            new FeatureDefinition("plan", FeatureKind.Categorical, ["basic", "pro"]),
        ]),
        Inputs = [],
        Outputs = [],
        ClassLabels = ["0", "1"],
        Statistics =
        [
            new FeatureHistogram("age", [30, 50], [30, 40, 30], 0, 18, 90),
            new FeatureHistogram("plan", [], [60, 40], 0),
        ],
        ScoreHistogram = new FeatureHistogram("score", [0.5], [70, 30], 0),
        ArtifactSha256 = new string('0', 64),
        CreatedAt = DateTimeOffset.UnixEpoch,
        CreatedBy = "tests",
    };

    public static ScoringRecorder Recorder(TimeProvider time, bool enabled = true) => new(
        new ScoringInstruments(new TestMeterFactory()), time, Options.Create(new MonitoringOptions { Enabled = enabled }),
        NullLogger<ScoringRecorder>.Instance);

    /// <summary>Rows of (age, plan index) with one positive-class probability each.</summary>
    public static (float[] Features, TabularPredictions Predictions) Rows(params (float Age, float Plan, float P1)[] rows)
    {
        var features = new float[rows.Length * 2];
        var probabilities = new float[rows.Length * 2];
        var labels = new string[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            features[2 * i] = rows[i].Age;
            features[2 * i + 1] = rows[i].Plan;
            probabilities[2 * i] = 1 - rows[i].P1;
            probabilities[2 * i + 1] = rows[i].P1;
            labels[i] = rows[i].P1 >= 0.5f ? "1" : "0";
        }

        return (features, new TabularPredictions(rows.Length, labels, probabilities, ["0", "1"], null));
    }

    public static void Record(ScoringRecorder recorder, ModelManifest manifest, params (float Age, float Plan, float P1)[] rows)
    {
        var (features, predictions) = Rows(rows);
        recorder.RecordScored(manifest, ScoringEndpoints.Records, features, rows.Length, predictions,
            new ScoringTimings(TimeSpan.FromMilliseconds(3), Parse: TimeSpan.FromMilliseconds(1), Infer: TimeSpan.FromMilliseconds(2)));
    }
}
