namespace Serverless.Core.Batch;

/// <summary>What a Parquet column's values can feed: which feature kinds accept it is decided once per file.</summary>
internal enum ParquetValueKind
{
    /// <summary>Signed or unsigned integers of any width: numeric features, or categorical ones by their decimal text.</summary>
    Integer,
    /// <summary>float, double or decimal: numeric features only.</summary>
    Real,
    /// <summary>UTF-8 strings: parsed like a CSV cell (invariant numbers, category names).</summary>
    Text,
    /// <summary>Booleans: boolean features only (a numeric feature refuses them, as it refuses "true" in a CSV cell).</summary>
    Boolean,
    /// <summary>Dates, times, binary, ...: passed through, never a feature.</summary>
    Other,
}
