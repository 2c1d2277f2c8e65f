using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Serverless.Core.Models;
using Serverless.Training.Data;
using Serverless.Training.MlNet;
using Serverless.Training.Onnx;
using Serverless.Training.Spec;

namespace Serverless.Training;

/// <summary>
/// The one training code path (command line, durable activity, local seed): loads the spec's data, infers the
/// schema, encodes rows with <see cref="FeatureEncoder"/> (the encoder serving uses, so the model sees the same
/// floats in training and production), trains with ML.NET, exports to ONNX and evaluates on the holdout.
/// </summary>
/// <remarks>
/// Stateless and thread-safe; CPU-bound (about a second for 20,000 rows with the defaults). Deterministic: the
/// same spec on the same bytes gives the same model bytes. Every failure caused by the spec or the data is a
/// <see cref="TrainingSpecException"/> or <see cref="TrainingDataException"/> whose message names the field or line.
/// </remarks>
public sealed class ModelTrainer(TrainingOptions? limits = null)
{
    private readonly TrainingOptions _limits = limits ?? new TrainingOptions();

    /// <summary>Loads the data the spec names (a path relative to <paramref name="baseDirectory"/>, or a blob) and trains.</summary>
    public async Task<TrainingResult> LoadAndTrainAsync(
        TrainingSpec spec, string? baseDirectory, BlobServiceClient? blobs, IProgress<TrainingStage>? progress = null,
        CancellationToken cancellationToken = default)
    {
        TrainingSpecValidator.Validate(spec);
        Report(progress, 1, "load", spec.Data.Blob ?? spec.Data.Path!);
        var data = await TrainingDataLoader.LoadAsync(spec.Data, baseDirectory, blobs, _limits, cancellationToken);
        return await TrainAsync(spec, data, progress, cancellationToken);
    }

    /// <summary>Trains on bytes already loaded (hashed as given: the lineage describes exactly these bytes).</summary>
    public async Task<TrainingResult> TrainAsync(
        TrainingSpec spec, TrainingData data, IProgress<TrainingStage>? progress = null, CancellationToken cancellationToken = default)
    {
        TrainingSpecValidator.Validate(spec);
        var task = spec.Task!.Value;
        Report(progress, 2, "read", $"{data.Name}, {data.Bytes.Length} bytes");
        var table = await TabularReader.ReadAsync(data, spec.Data, _limits, cancellationToken);

        Report(progress, 3, "schema", $"{table.Rows.Count} rows, {table.Header.Count} columns");
        var labelColumn = table.Require(spec.Label, "label");
        var schema = SchemaInference.Infer(table, spec, labelColumn);
        var labels = LabelEncoding.Create(table, labelColumn, spec);
        cancellationToken.ThrowIfCancellationRequested();

        Report(progress, 4, "encode", $"{schema.Features.Count} features");
        var dataset = EncodedDataset.Encode(table, new FeatureEncoder(schema), labelColumn, labels, out var skipped);
        var (train, holdout) = Split(dataset, spec);
        cancellationToken.ThrowIfCancellationRequested();

        Report(progress, 5, "train", $"{spec.Trainer.Name}, {spec.Trainer.Trees} trees on {train.Count} rows");
        var model = MlNetTrainer.Train(train, schema.Features.Count, labels.ClassLabels.Count, spec);
        cancellationToken.ThrowIfCancellationRequested();

        Report(progress, 6, "export", "ONNX");
        var codeVersion = CodeVersion();
        var classLabels = task == TrainingTask.Regression ? null : labels.ClassLabels;
        var onnx = TreeEnsembleOnnxExporter.Export(model, labels.ClassLabels, schema.InputName, codeVersion);

        Report(progress, 7, "evaluate", $"{holdout.Count} holdout rows");
        var holdoutOutputs = model.Predict(holdout.Features);
        var metrics = Evaluation.HoldoutMetrics.Compute(model.Task, holdoutOutputs, holdout.Labels, labels.ClassLabels);
        metrics["rows"] = table.Rows.Count;
        metrics["trainRows"] = train.Count;
        metrics["holdoutRows"] = holdout.Count;
        metrics["skippedRows"] = skipped;
        var result = new TrainingResult
        {
            Onnx = onnx,
            Task = task == TrainingTask.Regression ? ModelTask.Regression : ModelTask.Classification,
            Schema = schema,
            ClassLabels = classLabels,
            Metrics = metrics,
            Statistics = Evaluation.FeatureStatistics.Compute(schema, train.Features),
            ScoreHistogram = Evaluation.FeatureStatistics.Score(ScoreOf(holdoutOutputs, model.Task)),
            Lineage = new Lineage
            {
                TrainingDataUri = data.Uri,
                TrainingDataSha256 = Convert.ToHexStringLower(SHA256.HashData(data.Bytes)),
                Trainer = MlNetTrainer.Describe(spec.Trainer.Name),
                Parameters = Parameters(spec, data),
                CodeVersion = codeVersion,
            },
            Model = model,
        };
        Report(progress, 8, "done", string.Join(", ", metrics.Where(m => !m.Key.StartsWith("confusion", StringComparison.Ordinal))
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:G4}"))));
        return result;
    }

    /// <summary>Per row, the score monitoring compares live traffic with: positive-class probability, top probability, or the value.</summary>
    private static float[] ScoreOf(ModelOutputs outputs, TrainingTask task)
    {
        if (task == TrainingTask.Regression)
        {
            return outputs.Scores!;
        }

        var rows = outputs.Probabilities!.Length / outputs.Classes;
        var scores = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = outputs.Probabilities.AsSpan(r * outputs.Classes, outputs.Classes);
            scores[r] = task == TrainingTask.Binary ? row[1] : row.ToArray().Max();
        }

        return scores;
    }

    private static (EncodedDataset Train, EncodedDataset Holdout) Split(EncodedDataset data, TrainingSpec spec)
    {
        var (train, holdout) = Evaluation.HoldoutSplit.Indexes(data.Count, spec.Holdout);
        return (data.Subset(train), data.Subset(holdout));
    }

    private static Dictionary<string, string> Parameters(TrainingSpec spec, TrainingData data)
    {
        var c = CultureInfo.InvariantCulture;
        var parameters = new Dictionary<string, string>
        {
            ["task"] = spec.Task!.Value.ToString().ToLowerInvariant(),
            ["label"] = spec.Label,
            ["trainer"] = spec.Trainer.Name.ToString(),
            ["trees"] = spec.Trainer.Trees.ToString(c),
            ["leaves"] = spec.Trainer.Leaves.ToString(c),
            ["learningRate"] = spec.Trainer.LearningRate.ToString("R", c),
            ["minExamplesPerLeaf"] = spec.Trainer.MinExamplesPerLeaf.ToString(c),
            ["holdoutFraction"] = spec.Holdout.Fraction.ToString("R", c),
            ["seed"] = spec.Holdout.Seed.ToString(c),
            ["spec"] = TrainingSpecReader.Write(spec),
        };
        if (data.Version is { } version)
        {
            parameters["dataVersion"] = version;
        }

        return parameters;
    }

    private static void Report(IProgress<TrainingStage>? progress, int step, string name, string detail) =>
        progress?.Report(new TrainingStage(name, step, TrainingStage.Count, detail));

    private static string CodeVersion() =>
        typeof(ModelTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelTrainer).Assembly.GetName().Version?.ToString() ?? "unknown";
}
