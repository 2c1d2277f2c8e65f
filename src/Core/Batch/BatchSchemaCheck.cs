using Serverless.Core.Models;

namespace Serverless.Core.Batch;

/// <summary>Matches a file's header to a model's feature schema, all or nothing.</summary>
internal static class BatchSchemaCheck
{
    /// <summary>
    /// The input column of each feature, in tensor order. Columns the schema does not name are passed through
    /// to the output untouched.
    /// </summary>
    /// <exception cref="BatchFileException">A feature has no column, a name repeats, or a column would be overwritten by a prediction.</exception>
    public static int[] MapColumns(IReadOnlyList<string> header, FeatureEncoder encoder, PredictionColumns predictions)
    {
        var positions = new Dictionary<string, int>(header.Count, StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (!positions.TryAdd(header[i], i))
            {
                throw new BatchFileException($"Header names column '{header[i]}' twice.");
            }
        }

        var features = encoder.Schema.Features;
        var map = new int[features.Count];
        var missing = new List<string>();
        for (var f = 0; f < features.Count; f++)
        {
            if (positions.TryGetValue(features[f].Name, out var column))
            {
                map[f] = column;
            }
            else
            {
                missing.Add(features[f].Name);
            }
        }

        if (missing.Count > 0)
        {
            throw new BatchFileException(
                $"Header does not match the model's schema: missing column(s) {string.Join(", ", missing)}. " +
                $"Expected columns: {string.Join(", ", features.Select(f => f.Name))} (others are passed through).");
        }

        var clash = predictions.Names.FirstOrDefault(positions.ContainsKey);
        if (clash is not null)
        {
            throw new BatchFileException($"Header already has column '{clash}', which the predictions are written to.");
        }

        return map;
    }
}
