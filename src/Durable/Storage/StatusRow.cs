using Serverless.Core.Workflows;

namespace Serverless.Durable.Storage;

/// <summary>An instance's row in the status table as read.</summary>
/// <param name="Status">Null when the row is incomplete: an episode's status update (a merge) created it because the start's write never happened.</param>
/// <param name="ExecutionId">The execution the row describes; null when the row is incomplete.</param>
internal sealed record StatusRow(WorkflowStatus? Status, string? ExecutionId);
