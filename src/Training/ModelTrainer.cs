using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Serverless.Core.Models;
using Serverless.Training.Data;
using Serverless.Training.Evaluation;
using Serverless.Training.MlNet;
using Serverless.Training.Onnx;

namespace Serverless.Training;

/// <summary>
/// Trains a binary tree-ensemble classifier from a CSV file and exports it to ONNX with its schema, holdout
/// metrics, training statistics and lineage. Rows are encoded with <see cref="FeatureEncoder"/>, the same encoder
/// serving uses, so the model sees the same floats in training and production.
/// </summary>
/// <remarks>
/// Stateless and thread-safe; CPU-bound and synchronous (about a second for 20,000 rows with the defaults), so
/// hosts that must not block call it from a background task. Deterministic: the same request on the same file
/// gives the same model bytes.
/// </remarks>
public sealed class ModelTrainer
{
    /// <summary>Probability columns and label values, in order.</summary>
    public static IReadOnlyList<string> ClassLabels { get; } = ["0", "1"];

    /// <exception cref="TrainingDataException">The file or request is unusable; the message says where and why.</exception>
    public TrainingResult Train(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var bytes = ReadFile(request.CsvPath);
        // Parse the very bytes that were hashed, so the lineage hash always describes the data trained on.
        CsvTable table;
        using (var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true))
        {
            table = CsvParser.Read(reader, request.CsvPath);
        }


        if (table.IndexOf(request.LabelColumn) < 0)
        {
            throw new TrainingDataException(
                $"Label column '{request.LabelColumn}' is not in the header of {request.CsvPath} ({string.Join(", ", table.Header)}).");
        }

        var schema = SchemaInference.Infer(table, request.LabelColumn, request.IgnoreColumns, request.CategoricalColumns);
        var data = EncodedDataset.Encode(table, new FeatureEncoder(schema), request.LabelColumn);
        var (train, holdout) = Split(data, request);
        cancellationToken.ThrowIfCancellationRequested();

        var classifier = MlNetTrainer.Train(train, schema.Features.Count, request);
        cancellationToken.ThrowIfCancellationRequested();

        var predictions = classifier.Predict(holdout.Features);
        var metrics = BinaryMetrics.Compute(holdout.Labels, predictions.Scores, predictions.Probabilities, predictions.Labels);
        metrics["trainRows"] = train.Count;
        metrics["holdoutRows"] = holdout.Count;
        var codeVersion = CodeVersion();
        return new TrainingResult
        {
            Onnx = TreeEnsembleOnnxExporter.Export(classifier.Ensemble, classifier.Calibrator.Slope, classifier.Calibrator.Offset,
                schema.Features.Count, schema.InputName, codeVersion),
            Schema = schema,
            ClassLabels = ClassLabels,
            Metrics = metrics,
            Statistics = FeatureStatistics.Compute(schema, train.Features),
            ScoreHistogram = FeatureStatistics.Score(predictions.Probabilities),
            Lineage = new Lineage
            {
                TrainingDataUri = request.TrainingDataUri ?? new Uri(Path.GetFullPath(request.CsvPath)).AbsoluteUri,
                TrainingDataSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                Trainer = MlNetTrainer.Describe(request.Trainer),
                Parameters = Parameters(request),
                CodeVersion = codeVersion,
            },
            Classifier = classifier,
        };
    }

    private static void Validate(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(!string.IsNullOrWhiteSpace(request.CsvPath), "CsvPath is required.");
        Require(!string.IsNullOrWhiteSpace(request.LabelColumn), "LabelColumn is required.");
        Require(!request.IgnoreColumns.Contains(request.LabelColumn), $"Label column '{request.LabelColumn}' cannot also be ignored.");
        Require(request.CategoricalColumns?.Contains(request.LabelColumn) != true, $"Label column '{request.LabelColumn}' cannot be a categorical feature.");
        Require(request.HoldoutFraction is > 0 and < 1, $"HoldoutFraction must be in (0, 1), got {request.HoldoutFraction}.");
        Require(request.NumberOfTrees >= 1, $"NumberOfTrees must be at least 1, got {request.NumberOfTrees}.");
        Require(request.NumberOfLeaves >= 2, $"NumberOfLeaves must be at least 2, got {request.NumberOfLeaves}.");
        Require(request.LearningRate is > 0 and <= 1, $"LearningRate must be in (0, 1], got {request.LearningRate}.");
        Require(request.MinimumExamplesPerLeaf >= 1, $"MinimumExamplesPerLeaf must be at least 1, got {request.MinimumExamplesPerLeaf}.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new TrainingDataException(message);
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainingDataException($"Training data file '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Seeded shuffle, then the first share of rows is the holdout; both parts keep file order.</summary>
    private static (EncodedDataset Train, EncodedDataset Holdout) Split(EncodedDataset data, TrainingRequest request)
    {
        var positives = data.Labels.Count(l => l);
        if (positives == 0 || positives == data.Count)
        {
            throw new TrainingDataException(
                $"Label column '{request.LabelColumn}' has only {(positives == 0 ? "negative" : "positive")} values; both classes are needed.");
        }

        var holdoutCount = (int)Math.Round(data.Count * request.HoldoutFraction);
        if (holdoutCount < 1 || holdoutCount >= data.Count)
        {
            throw new TrainingDataException(
                $"{data.Count} rows with HoldoutFraction {request.HoldoutFraction} leave no rows for training or for the holdout.");
        }

        var order = Enumerable.Range(0, data.Count).ToArray();
        new Random(request.Seed).Shuffle(order);
        var holdout = order[..holdoutCount];
        var train = order[holdoutCount..];
        Array.Sort(holdout);
        Array.Sort(train);
        return (data.Subset(train), data.Subset(holdout));
    }

    private static Dictionary<string, string> Parameters(TrainingRequest request)
    {
        var c = CultureInfo.InvariantCulture;
        return new Dictionary<string, string>
        {
            ["trainer"] = request.Trainer.ToString(),
            ["labelColumn"] = request.LabelColumn,
            ["ignoreColumns"] = string.Join(",", request.IgnoreColumns),
            ["categoricalColumns"] = request.CategoricalColumns is null ? "(inferred)" : string.Join(",", request.CategoricalColumns),
            ["holdoutFraction"] = request.HoldoutFraction.ToString("R", c),
            ["numberOfTrees"] = request.NumberOfTrees.ToString(c),
            ["numberOfLeaves"] = request.NumberOfLeaves.ToString(c),
            ["learningRate"] = request.LearningRate.ToString("R", c),
            ["minimumExamplesPerLeaf"] = request.MinimumExamplesPerLeaf.ToString(c),
            ["seed"] = request.Seed.ToString(c),
        };
    }

    private static string CodeVersion() =>
        typeof(ModelTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelTrainer).Assembly.GetName().Version?.ToString() ?? "unknown";
}
