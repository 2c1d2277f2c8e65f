using Microsoft.DurableTask;

namespace Serverless.Workflows;

/// <summary>
/// The orchestrators and activities a host runs, by name. The local host registers each with DTFx; the Functions
/// app binds the same names with <c>[Function(name)]</c> trigger methods, and a test checks both lists agree.
/// </summary>
/// <remarks>
/// Names default to the class name, as Durable Functions' class-based registration does. Names are
/// case-sensitive. Configured through the options pattern (<see cref="WorkflowServiceCollectionExtensions.AddWorkflows"/>),
/// so each area adds its own workflows.
/// </remarks>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Type> Orchestrators => _orchestrators;

    public IReadOnlyDictionary<string, Type> Activities => _activities;

    /// <summary>Adds an orchestrator class; a new instance runs every episode (orchestrators hold no state between them).</summary>
    public WorkflowCatalog AddOrchestrator<T>(string? name = null)
        where T : class, ITaskOrchestrator => Add(_orchestrators, name ?? typeof(T).Name, typeof(T), "Orchestrator");

    /// <summary>Adds an activity class, created from the host's services for every execution.</summary>
    public WorkflowCatalog AddActivity<T>(string? name = null)
        where T : class, ITaskActivity => Add(_activities, name ?? typeof(T).Name, typeof(T), "Activity");

    private WorkflowCatalog Add(Dictionary<string, Type> target, string name, Type type, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!target.TryAdd(name, type))
        {
            throw new InvalidOperationException($"{kind} '{name}' is already registered (by {target[name].Name}).");
        }

        return this;
    }
}
