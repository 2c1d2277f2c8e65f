using Microsoft.DurableTask;
using Serverless.Core.Workflows;

namespace Serverless.Functions.Workflows;

/// <summary>Maps Durable Task's <see cref="TaskFailureDetails"/> to the port's <see cref="WorkflowFailureDetails"/>.</summary>
internal static class DurableFailureDetails
{
    public static WorkflowFailureDetails ToWorkflow(TaskFailureDetails details) => new(
        details.ErrorType,
        details.ErrorMessage,
        details.StackTrace,
        details.InnerFailure is null ? null : ToWorkflow(details.InnerFailure));
}
