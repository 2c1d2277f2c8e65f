namespace Serverless.Workflows.Hosting;

/// <summary>The Azure Storage backend's rule for task hub names (they prefix tables, queues and containers).</summary>
public static class TaskHubNames
{
    public static bool IsValid(string? name) =>
        name is { Length: >= 3 and <= 45 } && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
