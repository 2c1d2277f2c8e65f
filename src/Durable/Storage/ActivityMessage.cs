using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Core.Serialization;

namespace Serverless.Durable.Storage;

/// <summary>An activity to execute, on the work-item queue; its result goes to the instance's inbox.</summary>
internal sealed record ActivityMessage(
    [property: JsonPropertyName("i")] string InstanceId,
    [property: JsonPropertyName("x")] string ExecutionId,
    [property: JsonPropertyName("t")] int TaskId,
    [property: JsonPropertyName("n")] string Name,
    [property: JsonPropertyName("d")] string? Input)
{
    public string Serialize() => JsonSerializer.Serialize(this, JsonDefaults.Options);

    public static ActivityMessage Deserialize(string text) =>
        JsonSerializer.Deserialize<ActivityMessage>(text, JsonDefaults.Options) ?? throw new JsonException("Empty activity message.");
}
