using System.Text.Json;
using Serverless.Core.Serialization;

namespace Serverless.Core.Workflows;

/// <summary>The state of an instance, as Durable Task's <c>OrchestrationMetadata</c>; payloads are JSON.</summary>
public sealed record WorkflowStatus(
    string InstanceId,
    string Name,
    WorkflowRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput = null,
    string? SerializedOutput = null,
    string? SerializedCustomStatus = null,
    WorkflowFailureDetails? FailureDetails = null)
{
    /// <summary>Completed, failed or terminated: nothing will change it any more.</summary>
    public bool IsTerminal => RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;

    public T? ReadInputAs<T>() => Read<T>(SerializedInput);

    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    private static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, JsonDefaults.Options);
}
