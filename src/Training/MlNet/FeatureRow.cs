namespace Serverless.Training.MlNet;

/// <summary>An encoded row as ML.NET reads it; the vector size is set per dataset in the schema definition.</summary>
internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
