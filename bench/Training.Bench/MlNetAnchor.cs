using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Serverless.Training.Spec;

namespace Serverless.Training.Bench;

/// <summary>
/// The anchor: ML.NET used the way its own samples train taxi-fare, reading the CSV with its text loader, one-hot
/// encoding the two string columns, and fitting LightGBM with the same hyper-parameters, seed and thread count as our spec.
/// </summary>
internal static class MlNetAnchor
{
    public static ITransformer Fit(string csv, TrainerSpec trainer, int seed)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromTextFile<TaxiTrip>(csv, hasHeader: true, separatorChar: ',');
        var pipeline = ml.Transforms.Categorical.OneHotEncoding([new("Vendor", nameof(TaxiTrip.VendorId)), new("Payment", nameof(TaxiTrip.PaymentType))])
            .Append(ml.Transforms.Concatenate("Features", "Vendor", nameof(TaxiTrip.RateCode), nameof(TaxiTrip.PassengerCount),
                nameof(TaxiTrip.TripTime), nameof(TaxiTrip.TripDistance), "Payment"))
            .Append(ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                LabelColumnName = nameof(TaxiTrip.FareAmount), FeatureColumnName = "Features", NumberOfIterations = trainer.Trees,
                NumberOfLeaves = trainer.Leaves, LearningRate = trainer.LearningRate, MinimumExampleCountPerLeaf = trainer.MinExamplesPerLeaf,
                UseCategoricalSplit = false, NumberOfThreads = 1, Seed = seed, Silent = true,
            }));
        return pipeline.Fit(data);
    }
}
