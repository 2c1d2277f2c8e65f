using System.Text.RegularExpressions;

namespace Serverless.Core.Models;

/// <summary>Model names become blob path segments and URL segments, so they are kept to a safe alphabet.</summary>
public static partial class ModelNames
{
    public const string Rule = "1-63 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static void Validate(string? name)
    {
        if (!IsValid(name))
        {
            throw new ModelValidationException($"Model name '{name}' is invalid: {Rule}.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
