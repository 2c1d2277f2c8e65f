using System.Globalization;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Training.Data;
using Serverless.Training.MlNet;
using Serverless.Training.Spec;

namespace Serverless.Training.Evaluation;

/// <summary>
/// The holdout rows of a spec on a file, exactly the rows <see cref="ModelTrainer"/> evaluates a model trained by that
/// spec on (same parse, same labelled rows, same seeded split, same label encoding), kept as cells so that another
/// model (a champion, with its own schema) can encode and score them; and the same metrics as training computes.
/// </summary>
/// <remarks>Immutable once read; thread-safe. CPU-bound: reading parses the whole file.</remarks>
public sealed class Holdout
{
    private readonly TabularData _table;
    private readonly DataRow[] _rows;
    private readonly float[] _labels;

    private Holdout(TrainingTask task, TabularData table, DataRow[] rows, float[] labels, IReadOnlyList<string> classLabels)
    {
        Task = task;
        _table = table;
        _rows = rows;
        _labels = labels;
        ClassLabels = classLabels;
    }

    public TrainingTask Task { get; }

    /// <summary>Classification: the holdout's classes in label-encoding order (binary: negative, positive); empty for regression.</summary>
    public IReadOnlyList<string> ClassLabels { get; }

    public int Count => _rows.Length;

    /// <exception cref="TrainingSpecException">The spec is invalid.</exception>
    /// <exception cref="TrainingDataException">The data does not read, or leaves no holdout (training would have failed the same way).</exception>
    public static async Task<Holdout> ReadAsync(TrainingSpec spec, TrainingData data, TrainingOptions limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        TrainingSpecValidator.Validate(spec);
        var table = await TabularReader.ReadAsync(data, spec.Data, limits, cancellationToken);
        var labelColumn = table.Require(spec.Label, "label");
        var labels = LabelEncoding.Create(table, labelColumn, spec);
        var labelled = table.Rows.Where(r => r.Cells[labelColumn] is not null).ToArray();
        var (_, holdout) = HoldoutSplit.Indexes(labelled.Length, spec.Holdout);
        var rows = holdout.Select(i => labelled[i]).ToArray();
        var targets = rows.Select(r => labels.Encode(r.Cells[labelColumn]!, r.Line, table.Header[labelColumn])).ToArray();
        return new Holdout(spec.Task!.Value, table, rows, targets, labels.ClassLabels);
    }

    /// <summary>
    /// The holdout rows encoded by <paramref name="encoder"/> (row-major, <c>Count * Width</c>), as serving would encode
    /// them; false with the number of rows it refuses and the first reason (a required field the file lacks, an unknown
    /// category, a value of the wrong kind).
    /// </summary>
    public bool TryEncode(FeatureEncoder encoder, out float[] features, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var width = encoder.Width;
        var columns = encoder.Schema.Features.Select(f => _table.IndexOf(f.Name)).ToArray();
        features = new float[_rows.Length * width];
        string? first = null;
        var refused = 0;
        for (var r = 0; r < _rows.Length; r++)
        {
            for (var f = 0; f < width; f++)
            {
                var cell = columns[f] >= 0 ? _rows[r].Cells[columns[f]] : null;
                var ok = cell is not null
                    ? encoder.TryEncodeText(f, cell, out features[(r * width) + f], out var error)
                    : encoder.TryEncodeMissing(f, out features[(r * width) + f], out error);
                if (!ok)
                {
                    first ??= $"line {_rows[r].Line}: {error}";
                    refused++;
                    break;
                }
            }
        }

        problem = refused == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{refused} of {_rows.Length} holdout rows do not encode ({first})");
        return refused == 0;
    }

    /// <summary>
    /// The metrics of <paramref name="predictions"/> (one per holdout row, in order) under the names training reports,
    /// computed by the same code. Classes are matched by name; false when the predictions' task or classes differ from the holdout's.
    /// </summary>
    public bool TryEvaluate(TabularPredictions predictions, out IReadOnlyDictionary<string, double> metrics, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        metrics = new Dictionary<string, double>();
        if (predictions.Rows != _rows.Length)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"{predictions.Rows} predictions for {_rows.Length} holdout rows");
            return false;
        }

        if (Task == TrainingTask.Regression)
        {
            problem = predictions.Values is null ? "it is a classifier and the holdout is regression" : null;
            metrics = problem is null ? HoldoutMetrics.Compute(Task, new ModelOutputs(null, null, predictions.Values, 0), _labels, ClassLabels) : metrics;
            return problem is null;
        }

        if (predictions.Probabilities is not { } probabilities || predictions.ClassLabels is not { } theirs)
        {
            problem = "it is a regressor and the holdout is classification";
            return false;
        }

        var column = ClassLabels.Select(c => IndexOf(theirs, c)).ToArray();
        if (theirs.Count != ClassLabels.Count || column.Any(c => c < 0))
        {
            problem = $"its classes ({string.Join(", ", theirs)}) are not the holdout's ({string.Join(", ", ClassLabels)})";
            return false;
        }

        metrics = HoldoutMetrics.Compute(Task, Outputs(predictions, probabilities, column), _labels, ClassLabels);
        problem = null;
        return true;
    }

    /// <summary>The predictions as training's outputs: probabilities and predicted class in the holdout's class order.</summary>
    private ModelOutputs Outputs(TabularPredictions predictions, float[] probabilities, int[] column)
    {
        var classes = ClassLabels.Count;
        var ordered = new float[_rows.Length * classes];
        var predicted = new int[_rows.Length];
        for (var r = 0; r < _rows.Length; r++)
        {
            for (var k = 0; k < classes; k++)
            {
                ordered[(r * classes) + k] = probabilities[(r * classes) + column[k]];
            }

            // The model's own label output, as serving answers it; the top probability when it has none.
            var label = predictions.Labels is { } labels ? IndexOf(ClassLabels, labels[r]) : -1;
            predicted[r] = label >= 0 ? label : Array.IndexOf(ordered, ordered.AsSpan(r * classes, classes).ToArray().Max(), r * classes) - (r * classes);
        }

        float[]? scores = Task == TrainingTask.Binary ? [.. Enumerable.Range(0, _rows.Length).Select(r => ordered[(2 * r) + 1])] : null;
        return new ModelOutputs(predicted, ordered, scores, classes);
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
