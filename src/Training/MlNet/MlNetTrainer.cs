using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Serverless.Training.Data;

namespace Serverless.Training.MlNet;

/// <summary>Trains the ML.NET binary tree classifier a <see cref="TrainingRequest"/> asks for.</summary>
/// <remarks>
/// Both trainers produce a Platt calibrator with offset 0, so ML.NET's label (<c>score &gt; 0</c>) is exactly
/// <c>probability &gt; 0.5</c>, which is also how ONNX Runtime picks the label of the exported model.
/// Single-threaded with a fixed seed, so the same request on the same data gives the same trees.
/// Categorical splits are off: categories are ordinal floats and every split is a numeric threshold.
/// </remarks>
internal static class MlNetTrainer
{
    public static TrainedClassifier Train(EncodedDataset data, int featureCount, TrainingRequest request)
    {
        var ml = new MLContext(request.Seed);
        var view = ml.Data.LoadFromEnumerable(
            data.Features.Select((f, i) => new FeatureRow { Features = f, Label = data.Labels[i] }), RowSchema.For(featureCount));
        switch (request.Trainer)
        {
            case TrainerKind.LightGbm:
                var lightGbm = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    NumberOfIterations = request.NumberOfTrees,
                    NumberOfLeaves = request.NumberOfLeaves,
                    LearningRate = request.LearningRate,
                    MinimumExampleCountPerLeaf = request.MinimumExamplesPerLeaf,
                    UseCategoricalSplit = false,
                    NumberOfThreads = 1,
                    Seed = request.Seed,
                    Silent = true,
                }).Fit(view);
                return new TrainedClassifier(
                    ml, lightGbm, lightGbm.Model.SubModel.TrainedTreeEnsemble, lightGbm.Model.Calibrator, featureCount);
            case TrainerKind.FastTree:
                var fastTree = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    NumberOfTrees = request.NumberOfTrees,
                    NumberOfLeaves = request.NumberOfLeaves,
                    LearningRate = request.LearningRate,
                    MinimumExampleCountPerLeaf = request.MinimumExamplesPerLeaf,
                    CategoricalSplit = false,
                    NumberOfThreads = 1,
                    Seed = request.Seed,
                }).Fit(view);
                return new TrainedClassifier(
                    ml, fastTree, fastTree.Model.SubModel.TrainedTreeEnsemble, fastTree.Model.Calibrator, featureCount);
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Trainer, "Unknown trainer.");
        }
    }

    /// <summary>"ML.NET LightGbm 5.0.1" and the like, for the lineage.</summary>
    public static string Describe(TrainerKind trainer)
    {
        var assembly = trainer == TrainerKind.LightGbm ? typeof(LightGbmBinaryTrainer).Assembly : typeof(FastTreeBinaryTrainer).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return $"ML.NET {trainer} {(plus >= 0 ? version[..plus] : version)}";
    }
}
