using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Models;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

/// <summary>Reading one Run's outputs into <see cref="TabularPredictions"/>.</summary>
internal sealed partial class TabularPlan
{
    /// <summary>Interprets the outputs of one Run over <paramref name="rows"/> rows.</summary>
    public TabularPredictions Read(IReadOnlyList<OrtValue> results, int rows)
    {
        if (_task == ModelTask.Regression)
        {
            return new TabularPredictions(rows, null, null, null, ReadValues(results[0], rows));
        }

        float[]? probabilities = null;
        IReadOnlyList<string>? columns = null;
        if (_probabilities >= 0)
        {
            (probabilities, columns) = _zipMap ? ReadZipMap(results[_probabilities], rows) : ReadProbabilities(results[_probabilities], rows);
        }

        var labels = new string[rows];
        if (_label >= 0)
        {
            ReadLabels(results[_label], labels);
        }
        else
        {
            var width = columns!.Count;
            for (var r = 0; r < rows; r++)
            {
                labels[r] = columns[ArgMax(probabilities.AsSpan(r * width, width))];
            }
        }

        return new TabularPredictions(rows, labels, probabilities, columns, null);
    }

    private float[] ReadValues(OrtValue value, int rows)
    {
        if (_valuesAreDouble)
        {
            var doubles = value.GetTensorDataAsSpan<double>();
            CheckCount("regression output", doubles.Length, rows);
            var values = new float[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = (float)doubles[i];
            }

            return values;
        }

        var floats = value.GetTensorDataAsSpan<float>();
        CheckCount("regression output", floats.Length, rows);
        return floats.ToArray();
    }

    private static void CheckCount(string output, int count, int expected)
    {
        if (count != expected)
        {
            throw new InvalidOperationException($"The {output} has {count} values; {expected} were expected.");
        }
    }

    private (float[], IReadOnlyList<string>) ReadProbabilities(OrtValue value, int rows)
    {
        var width = _probabilityWidth > 0 ? _probabilityWidth : (int)value.GetTensorTypeAndShape().Shape[^1];
        var data = value.GetTensorDataAsSpan<float>();
        CheckCount("probabilities output", data.Length, rows * width);
        var columns = _classLabels is not null && _classLabels.Count == width ? _classLabels : DefaultLabels(width);
        return (data.ToArray(), columns);
    }

    private (float[], IReadOnlyList<string>) ReadZipMap(OrtValue sequence, int rows)
    {
        var (read, keys, integerKeys) = ZipMapOutput.Read(sequence);
        if (read.Length != rows * keys.Length)
        {
            throw new InvalidOperationException($"The probabilities sequence has {sequence.GetValueCount()} maps for {rows} rows.");
        }

        var texts = integerKeys is null ? keys : Array.ConvertAll(integerKeys, LabelOf);
        if (_classLabels is null)
        {
            return (read, texts);
        }

        // Columns follow the manifest's class labels, whatever order the maps list them in.
        var columns = new int[texts.Length];
        for (var k = 0; k < texts.Length; k++)
        {
            columns[k] = _columnsByLabel.GetValueOrDefault(texts[k], -1);
            if (columns[k] < 0)
            {
                throw new InvalidOperationException($"The probabilities map names class '{texts[k]}', which the manifest's class labels lack.");
            }
        }

        var width = _classLabels.Count;
        var probabilities = new float[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < texts.Length; k++)
            {
                probabilities[r * width + columns[k]] = read[r * texts.Length + k];
            }
        }

        return (probabilities, _classLabels);
    }

    private void ReadLabels(OrtValue value, string[] labels)
    {
        if (_labelIsString)
        {
            CheckCount("label output", (int)value.GetTensorTypeAndShape().ElementCount, labels.Length);
            for (var i = 0; i < labels.Length; i++)
            {
                var text = value.GetStringElement(i);
                labels[i] = _classLabels is not null && _columnsByLabel.TryGetValue(text, out var c) ? _classLabels[c] : text;
            }

            return;
        }

        var values = value.GetTensorDataAsSpan<long>();
        CheckCount("label output", values.Length, labels.Length);
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = LabelOf(values[i]);
        }
    }

    private string LabelOf(long value)
    {
        if (_labelsByValue.TryGetValue(value, out var label))
        {
            return label;
        }

        if (_classLabels is not null && value >= 0 && value < _classLabels.Count)
        {
            return _classLabels[(int)value];
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static string[] DefaultLabels(int count)
    {
        var labels = new string[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return labels;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
