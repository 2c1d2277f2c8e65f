using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

/// <summary>A scheduled activity, timer or sub-orchestration that the orchestrator awaits.</summary>
internal interface IPendingTask
{
    /// <summary>Resolves the task from the history event that answers it (completed, failed or fired).</summary>
    void Complete(HistoryEvent completion);
}
