namespace Serverless.Core.Workflows;

/// <summary>Why a task or an orchestration failed, as Durable Task's <c>TaskFailureDetails</c>.</summary>
public sealed record WorkflowFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    WorkflowFailureDetails? InnerFailure = null)
{
    /// <summary>Details of an exception, with the failure carried by a failed task as the inner failure.</summary>
    public static WorkflowFailureDetails FromException(Exception exception) => new(
        exception.GetType().FullName ?? exception.GetType().Name,
        exception.Message,
        exception.StackTrace,
        exception switch
        {
            WorkflowTaskFailedException failed => failed.FailureDetails,
            { InnerException: { } inner } => FromException(inner),
            _ => null,
        });

    /// <summary>True when this failure, or one it wraps, has error type <typeparamref name="TException"/>.</summary>
    public bool IsCausedBy<TException>()
        where TException : Exception =>
        ErrorType == typeof(TException).FullName || InnerFailure?.IsCausedBy<TException>() == true;
}
