using Serverless.Core.Workflows;
using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

/// <summary>What one episode produced: events to append to history and the instance's state afterwards.</summary>
/// <param name="Status">Running (waiting on something), Completed, Failed, Terminated or ContinuedAsNew.</param>
/// <param name="NewHistory">Events to append, in order: the episode start, accepted incoming events, new actions and
/// a terminal event. Empty when the episode changed nothing.</param>
/// <param name="CustomStatus">The custom status as JSON.</param>
public sealed record EpisodeResult(WorkflowRuntimeStatus Status, IReadOnlyList<HistoryEvent> NewHistory, string? CustomStatus)
{
    /// <summary>The output as JSON (Completed, Terminated).</summary>
    public string? Output { get; init; }

    public WorkflowFailureDetails? Failure { get; init; }

    /// <summary>The input of the next execution (ContinuedAsNew).</summary>
    public string? ContinueAsNewInput { get; init; }

    /// <summary>External events that carry over to the next execution (ContinuedAsNew).</summary>
    public IReadOnlyList<HistoryEvent> CarriedEvents { get; init; } = [];
}
