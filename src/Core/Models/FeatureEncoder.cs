using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Serverless.Core.Models;

/// <summary>
/// Encodes named field values into one float column each, as <see cref="FeatureSchema"/> defines.
/// The single place where training (CSV cells) and serving (JSON values, batch files) turn values into
/// model features, so both agree by construction. Immutable and thread-safe.
/// </summary>
public sealed class FeatureEncoder
{
    private const string FieldPrefix = "Field '";
    private const string UnknownCategoryMarker = "' has unknown category '";

    private readonly Dictionary<string, int> _columns;
    private readonly Dictionary<string, int>?[] _categories;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? _missing;

    public FeatureEncoder(FeatureSchema schema)
    {
        Schema = schema;
        _columns = new Dictionary<string, int>(schema.Features.Count, StringComparer.Ordinal);
        _categories = new Dictionary<string, int>?[schema.Features.Count];
        for (var i = 0; i < schema.Features.Count; i++)
        {
            var feature = schema.Features[i];
            if (!_columns.TryAdd(feature.Name, i))
            {
                throw new ModelValidationException($"Feature schema names '{feature.Name}' twice.");
            }

            if (feature.Kind == FeatureKind.Categorical)
            {
                if (feature.Categories is not { Count: > 0 })
                {
                    throw new ModelValidationException($"Categorical feature '{feature.Name}' lists no categories.");
                }

                var map = new Dictionary<string, int>(feature.Categories.Count, StringComparer.Ordinal);
                for (var c = 0; c < feature.Categories.Count; c++)
                {
                    map.TryAdd(feature.Categories[c], c);
                }

                _categories[i] = map;
            }
        }

        if (schema.MissingValues is { Count: > 0 } missing)
        {
            _missing = new HashSet<string>(missing, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    public FeatureSchema Schema { get; }

    /// <summary>Number of float columns a row encodes to.</summary>
    public int Width => Schema.Features.Count;

    /// <summary>The column of a field, or -1 when the schema does not name it.</summary>
    public int IndexOf(string field) => _columns.TryGetValue(field, out var i) ? i : -1;

    /// <summary>The column of a field given as UTF-16 chars, or -1 (no allocation).</summary>
    public int IndexOf(ReadOnlySpan<char> field) =>
        _columns.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(field, out var i) ? i : -1;

    /// <summary>Value for an absent or null field: NaN when allowed, else an error naming the field.</summary>
    public bool TryEncodeMissing(int column, out float value, out string? error)
    {
        var feature = Schema.Features[column];
        value = float.NaN;
        error = feature.Required ? $"Field '{feature.Name}' is required." : null;
        return error is null;
    }

    /// <summary>Encodes a JSON number (numeric features only).</summary>
    public bool TryEncodeNumber(int column, double number, out float value, out string? error)
    {
        var feature = Schema.Features[column];
        value = float.NaN;
        if (feature.Kind == FeatureKind.Categorical)
        {
            error = $"Field '{feature.Name}' is categorical and expects a string, got a number.";
            return false;
        }

        if (feature.Kind == FeatureKind.Boolean && number is not (0 or 1))
        {
            error = $"Field '{feature.Name}' is boolean and expects true/false (or 0/1), got {number.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }

        if (!double.IsFinite(number) || Math.Abs(number) > float.MaxValue)
        {
            error = $"Field '{feature.Name}' must be a finite number that fits a float.";
            return false;
        }

        value = (float)number;
        error = null;
        return true;
    }

    /// <summary>Encodes a JSON boolean (boolean features only).</summary>
    public bool TryEncodeBoolean(int column, bool flag, out float value, out string? error)
    {
        var feature = Schema.Features[column];
        value = flag ? 1 : 0;
        error = feature.Kind == FeatureKind.Boolean ? null : $"Field '{feature.Name}' is {Describe(feature.Kind)} and does not take a boolean.";
        return error is null;
    }

    /// <summary>
    /// Encodes a text value: a JSON string or a CSV cell. Empty text (after trimming, when the schema trims) and
    /// the schema's missing-value tokens count as missing. Numeric features parse with the invariant culture;
    /// categorical features must name a known category; boolean ones take true/false, yes/no or 1/0.
    /// </summary>
    public bool TryEncodeText(int column, ReadOnlySpan<char> text, out float value, out string? error)
    {
        if (Schema.TrimText)
        {
            text = text.Trim();
        }

        if (text.IsEmpty || (_missing is { } missing && missing.Contains(text)))
        {
            return TryEncodeMissing(column, out value, out error);
        }

        var feature = Schema.Features[column];
        if (feature.Kind == FeatureKind.Boolean)
        {
            if (BooleanText.TryParse(text, out var flag))
            {
                value = flag ? 1 : 0;
                error = null;
                return true;
            }

            value = float.NaN;
            error = $"Field '{feature.Name}' is boolean and expects true/false, yes/no or 1/0, got '{Truncate(text)}'.";
            return false;
        }

        var categories = _categories[column];
        if (categories is not null)
        {
            if (categories.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var index))
            {
                value = index;
                error = null;
                return true;
            }

            value = float.NaN;
            error = $"{FieldPrefix}{feature.Name}{UnknownCategoryMarker}{Truncate(text)}'; expected one of: {string.Join(", ", feature.Categories!)}.";
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return TryEncodeNumber(column, number, out value, out error);
        }

        value = float.NaN;
        error = $"Field '{feature.Name}' expects a number, got '{Truncate(text)}'.";
        return false;
    }

    /// <summary>
    /// The field value an encoded column stands for: the number (numeric), the category name (categorical), true/false
    /// (boolean), or null for a missing value (NaN) or an index outside the categories. For showing a record to a person.
    /// </summary>
    public object? Decode(int column, float value)
    {
        if (float.IsNaN(value))
        {
            return null;
        }

        var feature = Schema.Features[column];
        return feature.Kind switch
        {
            FeatureKind.Categorical => value >= 0 && value < feature.Categories!.Count && value == MathF.Floor(value) ? feature.Categories[(int)value] : null,
            FeatureKind.Boolean => value != 0,
            _ => (double)value,
        };
    }

    private static string Describe(FeatureKind kind) => kind == FeatureKind.Numeric ? "numeric" : "categorical";

    /// <summary>
    /// Whether <paramref name="error"/> (as refused by <see cref="TryEncodeText"/>, possibly prefixed with its place
    /// in the request) is an unknown category, and of which feature: monitoring counts those per feature.
    /// </summary>
    public static bool IsUnknownCategoryError(string? error, [NotNullWhen(true)] out string? feature)
    {
        feature = null;
        var marker = error?.IndexOf(UnknownCategoryMarker, StringComparison.Ordinal) ?? -1;
        var start = marker < 0 ? -1 : error!.LastIndexOf(FieldPrefix, marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        feature = error![(start + FieldPrefix.Length)..marker];
        return true;
    }

    private static string Truncate(ReadOnlySpan<char> text) =>
        text.Length <= 64 ? text.ToString() : string.Concat(text[..64], "...");
}
