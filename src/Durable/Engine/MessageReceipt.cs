namespace Serverless.Durable.Engine;

/// <summary>A received message's id and its latest pop receipt (each visibility update issues a new one).</summary>
internal sealed class MessageReceipt(string messageId, string popReceipt)
{
    public string MessageId { get; } = messageId;

    public string PopReceipt { get; set; } = popReceipt;
}
