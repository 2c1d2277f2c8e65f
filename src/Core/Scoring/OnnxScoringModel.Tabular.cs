using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

public sealed partial class OnnxScoringModel
{
    private const int MaxPooledRowInputs = 64;

    private readonly TabularPlan? _tabular;
    private readonly ConcurrentBag<RowInput> _rowInputs = [];
    private int _pooledRowInputs;

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

        if (rows == 1)
        {
            return ScoreRow(plan, features.Span[..length]);
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

    /// <summary>One record through a pooled input tensor (<see cref="RowInput"/>), the common case of online scoring.</summary>
    private TabularPredictions ScoreRow(TabularPlan plan, ReadOnlySpan<float> row)
    {
        Enter();
        RowInput input;
        if (_rowInputs.TryTake(out var pooled))
        {
            Interlocked.Decrement(ref _pooledRowInputs);
            input = pooled;
        }
        else
        {
            input = new RowInput(row.Length);
        }

        try
        {
            input.Load(row);
            if (input.RunBound(_session, _runOptions) is { } outputs)
            {
                return plan.Read(outputs, 1);
            }

            using var results = _session.Run(_runOptions, plan.InputNames, input.Values, plan.OutputNames);
            var predictions = plan.Read(results, 1);
            input.Bind(_session, plan.InputNames[0], plan.OutputNames, results);
            return predictions;
        }
        finally
        {
            // Returned before Exit, so a release (which happens after the last Exit) sees every pooled input.
            // A counter, not ConcurrentBag.Count, which locks every thread's list.
            if (Interlocked.Increment(ref _pooledRowInputs) <= MaxPooledRowInputs)
            {
                _rowInputs.Add(input);
            }
            else
            {
                Interlocked.Decrement(ref _pooledRowInputs);
                input.Dispose();
            }

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
