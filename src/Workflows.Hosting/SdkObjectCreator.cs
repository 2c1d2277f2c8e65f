using DurableTask.Core;

namespace Serverless.Workflows.Hosting;

/// <summary>
/// A DTFx <see cref="ObjectCreator{T}"/> by name: DTFx calls <see cref="Create"/> for every episode or activity
/// execution, so SDK orchestrators never carry state across replays and activities are created fresh each time.
/// </summary>
internal sealed class SdkObjectCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public SdkObjectCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        _create = create;
    }

    public override T Create() => _create();
}
