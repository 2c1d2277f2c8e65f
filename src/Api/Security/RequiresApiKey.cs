namespace Serverless.Api.Security;

/// <summary>Endpoint metadata: the route refuses callers without the API key (tests read it to check every state-changing route).</summary>
public sealed class RequiresApiKey
{
    public static readonly RequiresApiKey Instance = new();

    private RequiresApiKey()
    {
    }
}
