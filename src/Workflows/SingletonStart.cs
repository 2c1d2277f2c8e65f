using Microsoft.DurableTask.Client;

namespace Serverless.Workflows;

/// <summary>What <see cref="SingletonOrchestration.StartAsync"/> did: started <see cref="InstanceId"/>, or found it still running (then nothing was started).</summary>
/// <param name="InstanceId">The fixed instance id: the new run's, or the one still running.</param>
/// <param name="Running">Null when started; else the running instance's status (pending, running, suspended).</param>
public sealed record SingletonStart(string InstanceId, OrchestrationRuntimeStatus? Running)
{
    public bool Started => Running is null;
}
