namespace Serverless.Training.Data;

/// <summary>Applies the spec's trimming and missing-value tokens to one cell, the same way for every format.</summary>
internal sealed class CellCleaner(bool trim, IReadOnlyCollection<string> missingValues)
{
    private readonly HashSet<string> _missing = new(missingValues.Select(v => trim ? v.Trim() : v), StringComparer.Ordinal);

    public bool Trim { get; } = trim;

    /// <summary>The cell as training sees it: trimmed when asked, null when empty or a missing-value token.</summary>
    public string? Clean(string? cell)
    {
        if (cell is null)
        {
            return null;
        }

        if (Trim)
        {
            cell = cell.Trim();
        }

        return cell.Length == 0 || _missing.Contains(cell) ? null : cell;
    }

    /// <summary>A header name: trimmed when asked, and never empty.</summary>
    public string CleanName(string name) => Trim ? name.Trim() : name;
}
