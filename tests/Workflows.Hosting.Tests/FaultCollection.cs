namespace Serverless.Workflows.Hosting.Tests;

/// <summary>
/// The fault tests run alone, after the project's other tests: their kills, two-host lease hand-overs and outages are
/// timed against lease and visibility intervals of seconds, and on 2 cores the other classes' hosts running at the same
/// time starved them (a two-host run that takes 6 s alone once waited out its 90 s bound in the full suite).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "Workflow faults";
}
