using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Workflows.Hosting;

/// <summary>Creates a DTFx <see cref="TaskOrchestration"/> that runs an SDK orchestrator class, once per episode.</summary>
/// <remarks>
/// DTFx calls <see cref="Create"/> for every episode, so orchestrator instances never carry state across replays.
/// </remarks>
internal sealed class SdkOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Type _type;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public SdkOrchestrationCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _type = type;
        _services = services;
        _shims = shims;
    }

    public override TaskOrchestration Create() =>
        _shims.CreateOrchestration(Name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(_services, _type));
}
