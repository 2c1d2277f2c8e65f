using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

public sealed partial class OnnxScoringModel
{
    private readonly TabularPlan? _tabular;

    /// <inheritdoc />
    /// <remarks>
    /// The float buffer is wrapped as a [rows, width] tensor in place (pinned for the call, not copied).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The model has no feature schema or its task has no record interpretation.</exception>
    public TabularPredictions ScoreEncoded(ReadOnlyMemory<float> features, int rows)
    {
        var encoder = Encoder ?? throw new InvalidOperationException(
            $"Model '{Manifest.Name}' version {Manifest.Version} has no feature schema; score it with tensors.");
        var plan = _tabular ?? throw new InvalidOperationException(
            $"Model '{Manifest.Name}' version {Manifest.Version} has task '{Manifest.Task}', which has no record interpretation.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var length = checked(rows * encoder.Width);
        if (features.Length < length)
        {
            throw new ArgumentException($"{rows} rows of {encoder.Width} features need {length} floats; got {features.Length}.", nameof(features));
        }

        if (plan.Columns is { } columns)
        {
            return ScoreColumns(plan, columns, features.Span[..length], rows);
        }

        Enter();
        try
        {
            // ORT never writes to inputs, so exposing the read-only memory as writable is safe.
            using var input = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, MemoryMarshal.AsMemory(features[..length]), [rows, encoder.Width]);
            using var results = _session.Run(_runOptions, plan.InputNames, [input], plan.OutputNames);
            return plan.Read(results, rows);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>One tensor per feature (models with one named input per feature); the columns are copied into them.</summary>
    private TabularPredictions ScoreColumns(TabularPlan plan, FeatureColumnInputs columns, ReadOnlySpan<float> features, int rows)
    {
        var tensors = columns.ToTensors(features, rows);
        var values = new OrtValue[tensors.Length];
        Enter();
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = OrtTensors.ToOrtValue(tensors[i]);
            }

            using var results = _session.Run(_runOptions, plan.InputNames, values, plan.OutputNames);
            return plan.Read(results, rows);
        }
        finally
        {
            Exit();
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }
}
