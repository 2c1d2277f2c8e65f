using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Serverless.Training.Data;
using Serverless.Training.Spec;

namespace Serverless.Training.MlNet;

/// <summary>Trains the ML.NET tree ensemble a <see cref="TrainingSpec"/> asks for.</summary>
/// <remarks>
/// Binary: both trainers produce a Platt calibrator with offset 0, so ML.NET's label (<c>score &gt; 0</c>) is exactly
/// <c>probability &gt; 0.5</c>, which is also how ONNX Runtime picks the label of the exported model.
/// Multiclass (LightGBM): softmax objective, one ensemble per class, probabilities the softmax of their scores.
/// Regression: the sum of the trees. Single-threaded with a fixed seed, so the same spec on the same data gives
/// the same trees. Categorical splits are off: categories are ordinal floats and every split is a numeric threshold.
/// </remarks>
internal static class MlNetTrainer
{
    public static TrainedModel Train(EncodedDataset data, int featureCount, int classes, TrainingSpec spec)
    {
        var ml = new MLContext(spec.Holdout.Seed);
        var view = TrainingRows.Load(ml, data, spec.Task!.Value, featureCount, classes);
        var t = spec.Trainer;
        var seed = spec.Holdout.Seed;
        switch (spec.Task, t.Name)
        {
            case (TrainingTask.Binary, TrainerKind.LightGbm):
                var lightGbm = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    NumberOfIterations = t.Trees, NumberOfLeaves = t.Leaves, LearningRate = t.LearningRate,
                    MinimumExampleCountPerLeaf = t.MinExamplesPerLeaf, UseCategoricalSplit = false, NumberOfThreads = 1, Seed = seed, Silent = true,
                }).Fit(view);
                return Binary(ml, lightGbm, lightGbm.Model.SubModel.TrainedTreeEnsemble, lightGbm.Model.Calibrator, featureCount);
            case (TrainingTask.Binary, _):
                var fastTree = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    NumberOfTrees = t.Trees, NumberOfLeaves = t.Leaves, LearningRate = t.LearningRate,
                    MinimumExampleCountPerLeaf = t.MinExamplesPerLeaf, CategoricalSplit = false, NumberOfThreads = 1, Seed = seed,
                }).Fit(view);
                return Binary(ml, fastTree, fastTree.Model.SubModel.TrainedTreeEnsemble, fastTree.Model.Calibrator, featureCount);
            case (TrainingTask.Multiclass, _):
                var multiclass = ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
                {
                    NumberOfIterations = t.Trees, NumberOfLeaves = t.Leaves, LearningRate = t.LearningRate,
                    MinimumExampleCountPerLeaf = t.MinExamplesPerLeaf, UseCategoricalSplit = false, UseSoftmax = true,
                    NumberOfThreads = 1, Seed = seed, Silent = true,
                }).Fit(view);
                return new TrainedModel(ml, multiclass, TrainingTask.Multiclass, ClassEnsembles(multiclass.Model, classes), null, featureCount, classes);
            case (TrainingTask.Regression, TrainerKind.LightGbm):
                var lightGbmRegression = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
                {
                    NumberOfIterations = t.Trees, NumberOfLeaves = t.Leaves, LearningRate = t.LearningRate,
                    MinimumExampleCountPerLeaf = t.MinExamplesPerLeaf, UseCategoricalSplit = false, NumberOfThreads = 1, Seed = seed, Silent = true,
                }).Fit(view);
                return new TrainedModel(ml, lightGbmRegression, TrainingTask.Regression, [lightGbmRegression.Model.TrainedTreeEnsemble], null, featureCount, 0);
            default:
                var fastTreeRegression = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
                {
                    NumberOfTrees = t.Trees, NumberOfLeaves = t.Leaves, LearningRate = t.LearningRate,
                    MinimumExampleCountPerLeaf = t.MinExamplesPerLeaf, CategoricalSplit = false, NumberOfThreads = 1, Seed = seed,
                }).Fit(view);
                return new TrainedModel(ml, fastTreeRegression, TrainingTask.Regression, [fastTreeRegression.Model.TrainedTreeEnsemble], null, featureCount, 0);
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

    private static TrainedModel Binary(MLContext ml, ITransformer model, RegressionTreeEnsemble ensemble, PlattCalibrator calibrator, int featureCount) =>
        new(ml, model, TrainingTask.Binary, [ensemble], (calibrator.Slope, calibrator.Offset), featureCount, 2);

    /// <summary>The per-class ensembles of a softmax one-versus-all model, in class order.</summary>
    private static RegressionTreeEnsemble[] ClassEnsembles(OneVersusAllModelParameters model, int classes)
    {
        // SubModelParameters is not public in this ML.NET version; the parity tests fail loudly if it moves.
        var property = typeof(OneVersusAllModelParameters).GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("This ML.NET version has no OneVersusAllModelParameters.SubModelParameters; the ONNX export cannot read the class ensembles.");
        var ensembles = ((System.Collections.IEnumerable)property.GetValue(model)!).Cast<object>()
            .Select(p => p is CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> calibrated
                ? calibrated.SubModel.TrainedTreeEnsemble
                : throw new InvalidOperationException($"Unexpected multiclass sub-model {p?.GetType().Name}."))
            .ToArray();
        return ensembles.Length == classes
            ? ensembles
            : throw new InvalidOperationException($"The multiclass model has {ensembles.Length} class ensembles for {classes} classes.");
    }
}
