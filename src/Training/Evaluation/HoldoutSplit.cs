using Serverless.Training.Spec;

namespace Serverless.Training.Evaluation;

/// <summary>
/// Which labelled rows train and which are held out: a seeded shuffle, then the first share is the holdout; both parts
/// keep file order. The one split, used by training and by re-scoring another model on a candidate's holdout.
/// </summary>
internal static class HoldoutSplit
{
    /// <exception cref="TrainingDataException">The fraction leaves no rows for training or for the holdout.</exception>
    public static (int[] Train, int[] Holdout) Indexes(int count, HoldoutSpec spec)
    {
        var holdoutCount = (int)Math.Round(count * spec.Fraction);
        if (holdoutCount < 1 || holdoutCount >= count)
        {
            throw new TrainingDataException(
                $"{count} labelled rows with 'holdout.fraction' {spec.Fraction} leave no rows for training or for the holdout.");
        }

        var order = Enumerable.Range(0, count).ToArray();
        new Random(spec.Seed).Shuffle(order);
        var holdout = order[..holdoutCount];
        var train = order[holdoutCount..];
        Array.Sort(holdout);
        Array.Sort(train);
        return (train, holdout);
    }
}
