using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Workflows.Hosting;

/// <summary>Creates a DTFx <see cref="TaskActivity"/> that runs an SDK activity class resolved with its dependencies.</summary>
/// <remarks>A new activity object per execution, constructed from the host's services (activities are transient).</remarks>
internal sealed class SdkActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly Type _type;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public SdkActivityCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _type = type;
        _services = services;
        _shims = shims;
    }

    public override TaskActivity Create() =>
        _shims.CreateActivity(Name, (ITaskActivity)ActivatorUtilities.CreateInstance(_services, _type));
}
