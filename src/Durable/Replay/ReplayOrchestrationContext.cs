using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Core.Serialization;
using Serverless.Core.Workflows;
using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

/// <summary>
/// The embedded engine's <see cref="IOrchestrationContext"/> for one episode: orchestrator calls are matched against
/// past history (replay) or recorded as new actions; completions are delivered by <see cref="OrchestrationReplayer"/>.
/// </summary>
/// <remarks>Not thread-safe by design: everything runs on the episode's single-threaded scheduler.</remarks>
internal sealed partial class ReplayOrchestrationContext : IOrchestrationContext
{
    /// <summary>Custom status is shown in status queries; Durable Functions caps it at 16 KB too.</summary>
    public const int MaxCustomStatusChars = 16_000;

    private readonly ILoggerFactory _loggers;
    private readonly string _orchestratorName;
    private string? _input;
    private int _guidCounter;

    public ReplayOrchestrationContext(string instanceId, string orchestratorName, IReadOnlyList<HistoryEvent> past, ILoggerFactory loggers)
    {
        InstanceId = instanceId;
        _orchestratorName = orchestratorName;
        _loggers = loggers;
        foreach (var e in past)
        {
            if (e.IsScheduling)
            {
                _pastScheduled[e.TaskId] = e;
            }
        }
    }

    public string InstanceId { get; }

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; internal set; }

    /// <summary>The custom status as JSON, after the episode.</summary>
    public string? CustomStatus { get; private set; }

    /// <summary>The first divergence from history found by replay; the episode then fails the instance.</summary>
    public NonDeterministicOrchestrationException? NonDeterminism { get; private set; }

    public bool ContinueAsNewRequested { get; private set; }

    public string? ContinueAsNewInput { get; private set; }

    public bool PreserveUnprocessedEvents { get; private set; }

    /// <summary>Tasks scheduled for the first time in this episode, in the order the orchestrator scheduled them.</summary>
    public List<HistoryEvent> NewActions { get; } = [];

    public T? GetInput<T>() => _input is null ? default : JsonSerializer.Deserialize<T>(_input, JsonDefaults.Options);

    public Guid NewGuid()
    {
        // Same inputs as Durable Task: instance, replay-safe time and a per-episode-stream counter.
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{InstanceId}_{CurrentUtcDateTime:o}_{_guidCounter++}");
        return DeterministicGuid.Create(name);
    }

    public void SetCustomStatus(object? customStatus)
    {
        var json = Serialize(customStatus);
        if (json is { Length: > MaxCustomStatusChars })
        {
            throw new ArgumentException($"Custom status is {json.Length} characters; the limit is {MaxCustomStatusChars}.", nameof(customStatus));
        }

        CustomStatus = json;
    }

    public void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, _loggers.CreateLogger(categoryName));

    internal static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), JsonDefaults.Options);

    private void ReportNonDeterminism(string detail) =>
        NonDeterminism ??= new NonDeterministicOrchestrationException(
            $"Non-deterministic orchestrator '{_orchestratorName}' (instance '{InstanceId}'): {detail}");
}
