namespace Serverless.Core.Models;

/// <summary>The text forms of a boolean that training files and records use: true/false, yes/no, 1/0 (case-insensitive).</summary>
public static class BooleanText
{
    public static bool TryParse(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        if (text.Equals("1", StringComparison.Ordinal) || text.Equals("true", StringComparison.OrdinalIgnoreCase)
            || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return text.Equals("0", StringComparison.Ordinal) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
            || text.Equals("no", StringComparison.OrdinalIgnoreCase);
    }
}
