namespace Serverless.LocalHost.Tests.Retrain;

/// <summary>
/// The retrain end-to-end tests train real models (CPU-bound for seconds): they run on their own, after the parallel
/// tests, so they never slow the timing-bounded routing tests on a small CI machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RetrainCollection
{
    public const string Name = "retrain end to end";
}
