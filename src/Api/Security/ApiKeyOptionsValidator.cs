using Microsoft.Extensions.Options;

namespace Serverless.Api.Security;

/// <summary>Refuses a key too short to resist guessing (runs at start-up; the message never contains the key).</summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public const int MinimumLength = 16;

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options) =>
        options.Key.Length >= MinimumLength
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"ApiKey:Key must be at least {MinimumLength} characters (was {options.Key.Length}); leave it empty to use a generated key.");
}
