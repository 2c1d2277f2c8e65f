namespace Serverless.Durable.Storage;

/// <summary>Instance ids become table partition keys, which exclude a few characters.</summary>
internal static class InstanceIds
{
    public const int MaxLength = 256;

    public static string New() => Guid.NewGuid().ToString("N");

    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > MaxLength || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException(
                $"Instance id '{instanceId}' is invalid: at most {MaxLength} characters, without '/', '\\', '#', '?' or control characters.",
                nameof(instanceId));
        }
    }
}
