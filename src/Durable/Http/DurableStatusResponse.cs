using System.Text.Json;
using Serverless.Core.Workflows;

namespace Serverless.Durable.Http;

/// <summary>The instance status body of Durable Functions' HTTP API (<c>GET .../instances/{id}</c>).</summary>
/// <remarks><see cref="RuntimeStatus"/> is PascalCase ("Running", "Completed"), as Durable Functions writes it.</remarks>
public sealed record DurableStatusResponse(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    WorkflowFailureDetails? FailureDetails)
{
    public static DurableStatusResponse From(WorkflowStatus status) => new(
        status.Name,
        status.InstanceId,
        status.RuntimeStatus.ToString(),
        Parse(status.SerializedInput),
        Parse(status.SerializedCustomStatus),
        status.FailureDetails is { } failure
            ? JsonSerializer.SerializeToElement($"{failure.ErrorType}: {failure.ErrorMessage}")
            : Parse(status.SerializedOutput),
        status.CreatedAt,
        status.LastUpdatedAt,
        status.FailureDetails);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
