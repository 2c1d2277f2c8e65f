using Microsoft.ML;
using Microsoft.ML.Data;

namespace Serverless.Training.MlNet;

/// <summary>The ML.NET schema of <see cref="FeatureRow"/> with a fixed feature vector size.</summary>
internal static class RowSchema
{
    public static SchemaDefinition For(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }
}
