namespace Serverless.Core.Workflows;

/// <summary>
/// An activity or sub-orchestration failed, as Durable Task's <c>TaskFailedException</c>: thrown into the
/// orchestrator at the <c>await</c>, carrying the task's name and the failure.
/// </summary>
/// <remarks>
/// The original exception does not cross the process boundary; only <see cref="FailureDetails"/> does (type name,
/// message, stack trace), so catch this type and inspect <see cref="WorkflowFailureDetails.ErrorType"/>.
/// </remarks>
public sealed class WorkflowTaskFailedException : Exception
{
    public WorkflowTaskFailedException(string taskName, int taskId, WorkflowFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public string TaskName { get; }

    /// <summary>The task's sequence number in the orchestration.</summary>
    public int TaskId { get; }

    public WorkflowFailureDetails FailureDetails { get; }
}
