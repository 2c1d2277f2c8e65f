using System.Text.Json;
using Serverless.Core.Serialization;

namespace Serverless.Core.Workflows;

/// <summary>
/// Orchestrators and activities by name, as the Functions host knows them by <c>[Function(name)]</c>. The embedded
/// engine runs what is registered here; in Azure the same names are bound by the function classes.
/// </summary>
/// <remarks>
/// Configured through the options pattern (<see cref="WorkflowServiceCollectionExtensions.AddWorkflows"/>), so
/// each area registers its own workflows. Names are case-sensitive, as in Durable Task.
/// </remarks>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, RegisteredOrchestrator> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredActivity> _activities = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator whose output is serialised as <typeparamref name="TOutput"/>.</summary>
    public WorkflowRegistry AddOrchestrator<TOutput>(string name, Func<IOrchestrationContext, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Add(new RegisteredOrchestrator(name, async context => Serialize(await run(context))));
    }

    /// <summary>Registers an orchestrator without output.</summary>
    public WorkflowRegistry AddOrchestrator(string name, Func<IOrchestrationContext, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Add(new RegisteredOrchestrator(name, async context =>
        {
            await run(context);
            return null;
        }));
    }

    /// <summary>Registers an activity taking <typeparamref name="TInput"/> and returning <typeparamref name="TOutput"/>.</summary>
    public WorkflowRegistry AddActivity<TInput, TOutput>(string name, Func<TInput, WorkflowActivityContext, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Add(new RegisteredActivity(name, async (context, input) => Serialize(await run(Deserialize<TInput>(input), context))));
    }

    /// <summary>Registers an activity without output.</summary>
    public WorkflowRegistry AddActivity<TInput>(string name, Func<TInput, WorkflowActivityContext, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Add(new RegisteredActivity(name, async (context, input) =>
        {
            await run(Deserialize<TInput>(input), context);
            return null;
        }));
    }

    public bool TryGetOrchestrator(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredOrchestrator? orchestrator) =>
        _orchestrators.TryGetValue(name, out orchestrator);

    public bool TryGetActivity(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredActivity? activity) =>
        _activities.TryGetValue(name, out activity);

    private WorkflowRegistry Add(RegisteredOrchestrator orchestrator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestrator.Name);
        if (!_orchestrators.TryAdd(orchestrator.Name, orchestrator))
        {
            throw new InvalidOperationException($"Orchestrator '{orchestrator.Name}' is already registered.");
        }

        return this;
    }

    private WorkflowRegistry Add(RegisteredActivity activity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activity.Name);
        if (!_activities.TryAdd(activity.Name, activity))
        {
            throw new InvalidOperationException($"Activity '{activity.Name}' is already registered.");
        }

        return this;
    }

    private static string? Serialize<T>(T value) => value is null ? null : JsonSerializer.Serialize(value, JsonDefaults.Options);

    // A missing input becomes default(T), as with Durable Task's [ActivityTrigger] binding.
    private static T Deserialize<T>(string? json) => json is null ? default! : JsonSerializer.Deserialize<T>(json, JsonDefaults.Options)!;
}
