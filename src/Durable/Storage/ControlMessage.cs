using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Core.Serialization;

namespace Serverless.Durable.Storage;

/// <summary>
/// A message on the control queue: a wake-up for an instance, or a durable timer that becomes a TimerFired event.
/// </summary>
/// <remarks>
/// Wake-ups carry no events (those wait in the instance's inbox rows), so a lost or duplicated wake-up costs at most
/// one empty episode. A timer message is invisible until it is due; beyond the queue's maximum visibility delay it is
/// re-armed on each delivery.
/// </remarks>
internal sealed record ControlMessage(
    [property: JsonPropertyName("i")] string InstanceId,
    [property: JsonPropertyName("x")] string? ExecutionId = null,
    [property: JsonPropertyName("t")] int TimerId = -1,
    [property: JsonPropertyName("f")] DateTime? FireAt = null)
{
    [JsonIgnore]
    public bool IsTimer => FireAt is not null;

    public string Serialize() => JsonSerializer.Serialize(this, JsonDefaults.Options);

    public static ControlMessage Deserialize(string text) =>
        JsonSerializer.Deserialize<ControlMessage>(text, JsonDefaults.Options) ?? throw new JsonException("Empty control message.");
}
