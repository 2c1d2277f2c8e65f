using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Api.Workflows;

/// <summary>The instance status body of Durable Functions' HTTP API (<c>GET .../instances/{id}</c>).</summary>
/// <remarks>
/// <see cref="RuntimeStatus"/> is PascalCase ("Running", "Completed"), as Durable Functions writes it; a failed
/// instance's <see cref="Output"/> is its failure text ("ErrorType: message"), with the details beside it.
/// </remarks>
public sealed record DurableStatusResponse(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    TaskFailureDetails? FailureDetails)
{
    public static DurableStatusResponse From(OrchestrationMetadata metadata) => new(
        metadata.Name,
        metadata.InstanceId,
        metadata.RuntimeStatus.ToString(),
        Parse(metadata.SerializedInput),
        Parse(metadata.SerializedCustomStatus),
        metadata.FailureDetails is { } failure
            ? JsonSerializer.SerializeToElement($"{failure.ErrorType}: {failure.ErrorMessage}")
            : Parse(metadata.SerializedOutput),
        metadata.CreatedAt,
        metadata.LastUpdatedAt,
        metadata.FailureDetails);

    /// <summary>Stored JSON as it is; text the backend wrote itself (a suspend or terminate reason) as a JSON string.</summary>
    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
