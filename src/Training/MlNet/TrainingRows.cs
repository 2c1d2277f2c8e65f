using Microsoft.ML;
using Microsoft.ML.Data;
using Serverless.Training.Data;
using Serverless.Training.Spec;

namespace Serverless.Training.MlNet;

/// <summary>Encoded rows as an ML.NET <see cref="IDataView"/> with the label type each task's trainer reads.</summary>
internal static class TrainingRows
{
    /// <summary>Features (a fixed-size float vector) and Label: bool (binary), a key of <paramref name="classes"/> values (multiclass) or float.</summary>
    public static IDataView Load(MLContext ml, EncodedDataset data, TrainingTask task, int featureCount, int classes) => task switch
    {
        TrainingTask.Binary => ml.Data.LoadFromEnumerable(
            data.Features.Select((f, i) => new BinaryRow { Features = f, Label = data.Labels[i] > 0 }), Schema<BinaryRow>(featureCount, null)),
        // LoadFromEnumerable takes a key column's values 0-based (it stores them +1, 0 meaning missing).
        TrainingTask.Multiclass => ml.Data.LoadFromEnumerable(
            data.Features.Select((f, i) => new KeyRow { Features = f, Label = (uint)data.Labels[i] }), Schema<KeyRow>(featureCount, classes)),
        _ => ml.Data.LoadFromEnumerable(
            data.Features.Select((f, i) => new ValueRow { Features = f, Label = data.Labels[i] }), Schema<ValueRow>(featureCount, null)),
    };

    /// <summary>Rows to score (labels unused).</summary>
    public static IDataView Features(MLContext ml, IReadOnlyList<float[]> rows, int featureCount) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new ValueRow { Features = r }), Schema<ValueRow>(featureCount, null));

    private static SchemaDefinition Schema<T>(int featureCount, int? classes)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        if (classes is { } count)
        {
            schema["Label"].ColumnType = new KeyDataViewType(typeof(uint), count);
        }

        return schema;
    }

    private sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class KeyRow
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }
    }

    private sealed class ValueRow
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
