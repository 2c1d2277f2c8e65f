namespace Serverless.Training.Data;

/// <summary>Binary labels as CSV cells: 0/1, true/false, yes/no, case-insensitive, surrounding blanks ignored.</summary>
internal static class LabelParser
{
    public static bool TryParse(string text, out bool label)
    {
        var value = text.AsSpan().Trim();
        if (value.Equals("1", StringComparison.Ordinal)
            || value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            label = true;
            return true;
        }

        label = false;
        return value.Equals("0", StringComparison.Ordinal)
            || value.Equals("false", StringComparison.OrdinalIgnoreCase)
            || value.Equals("no", StringComparison.OrdinalIgnoreCase);
    }
}
