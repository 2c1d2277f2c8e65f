using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Training.Spec;

/// <summary>Reads and validates a <see cref="TrainingSpec"/> from JSON; unknown fields are refused, so a typo never goes unnoticed.</summary>
public static class TrainingSpecReader
{
    /// <summary>camelCase names, enums by name (any case), no unknown members, comments and trailing commas allowed.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <exception cref="TrainingSpecException">Not JSON, an unknown or mistyped field, or a value out of range.</exception>
    public static TrainingSpec Read(ReadOnlySpan<byte> utf8Json)
    {
        TrainingSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<TrainingSpec>(utf8Json, Options);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "the spec" : $"'{e.Path.TrimStart('$', '.')}'";
            throw new TrainingSpecException($"The training spec is not valid at {field}: {FirstSentence(e.Message)}", e);
        }

        if (spec is null)
        {
            throw new TrainingSpecException("The training spec is empty (null); it must be a JSON object.");
        }

        TrainingSpecValidator.Validate(spec);
        return spec;
    }

    /// <exception cref="TrainingSpecException">The file cannot be read or is not a valid spec.</exception>
    public static TrainingSpec ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainingSpecException($"The training spec '{path}' cannot be read: {e.Message}", e);
        }

        return Read(bytes);
    }

    /// <summary>The spec as canonical JSON (every field, defaults included), for the lineage.</summary>
    public static string Write(TrainingSpec spec) => JsonSerializer.Serialize(spec, Options);

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $.x | LineNumber: ..." which the field name already says better.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = false,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
