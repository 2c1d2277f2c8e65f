using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.Core.Models;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

/// <summary>
/// How a model's outputs become <see cref="TabularPredictions"/>: which outputs to request and how to read
/// them. Decided once per session from the ONNX metadata and the manifest; immutable and thread-safe.
/// </summary>
/// <remarks>
/// Classification reads a label tensor (int64 or string) and/or probabilities, either a float tensor
/// [N, C] or a ZipMap <c>seq(map(int64|string, float))</c>. Labels map to the manifest's class labels
/// (by value, else by index); probability columns follow the class labels when their count matches.
/// Regression reads one float or double tensor [N] or [N, 1].
/// </remarks>
internal sealed class TabularPlan
{
    private readonly ModelTask _task;
    private readonly int _label = -1;
    private readonly int _probabilities = -1;
    private readonly bool _zipMap;
    // Output types and widths known from the graph metadata, so reading results needs no per-call shape query.
    private readonly bool _labelIsString;
    private readonly bool _valuesAreDouble;
    private readonly int _probabilityWidth;
    private readonly IReadOnlyList<string>? _classLabels;
    private readonly Dictionary<long, string> _labelsByValue = [];
    private readonly Dictionary<string, int> _columnsByLabel = new(StringComparer.Ordinal);

    private TabularPlan(
        ModelManifest manifest, string[] inputs, FeatureColumnInputs? columns, List<string> outputs, int label, int probabilities, bool zipMap,
        IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        Columns = columns;
        _labelIsString = label >= 0 && metadata[outputs[label]].ElementDataType == TensorElementType.String;
        _valuesAreDouble = manifest.Task == ModelTask.Regression && metadata[outputs[0]].ElementDataType == TensorElementType.Double;
        _probabilityWidth = probabilities >= 0 && !zipMap && metadata[outputs[probabilities]].Dimensions[1] > 0
            ? metadata[outputs[probabilities]].Dimensions[1]
            : -1;
        _task = manifest.Task;
        InputNames = inputs;
        OutputNames = [.. outputs];
        _label = label;
        _probabilities = probabilities;
        _zipMap = zipMap;
        _classLabels = manifest.ClassLabels is { Count: > 0 } labels ? labels : null;
        for (var i = 0; i < (_classLabels?.Count ?? 0); i++)
        {
            var text = _classLabels![i];
            _columnsByLabel.TryAdd(text, i);
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                _labelsByValue.TryAdd(value, text);
            }
        }
    }

    public string[] InputNames { get; }

    /// <summary>For a model with one input per feature, how encoded rows become those inputs; null for a float matrix input.</summary>
    public FeatureColumnInputs? Columns { get; }

    public string[] OutputNames { get; }

    /// <summary>The plan, or null when the model has no feature schema or no tabular task.</summary>
    /// <exception cref="ModelValidationException">The schema or outputs do not fit record scoring.</exception>
    public static TabularPlan? Create(
        ModelManifest manifest, FeatureEncoder? encoder, IReadOnlyDictionary<string, NodeMetadata> inputs,
        IReadOnlyList<string> outputNames, IReadOnlyDictionary<string, NodeMetadata> outputs)
    {
        if (encoder is null || manifest.Task == ModelTask.Other)
        {
            return null;
        }

        var where = $"Model '{manifest.Name}' version {manifest.Version}";
        var inputName = encoder.Schema.InputName;
        // One input per feature is checked against the manifest's inputs (read from this ONNX file at registration).
        var columns = encoder.Schema.InputPerFeature ? FeatureColumnInputs.Create(manifest, encoder.Schema) : null;
        string[] inputNames = columns?.InputNames ?? [inputName];
        if (columns is null)
        {
            CheckMatrixInput(where, inputName, encoder.Width, inputs);
        }

        var requested = new List<string>(2);
        if (manifest.Task == ModelTask.Regression)
        {
            var value = outputNames.FirstOrDefault(n => outputs[n].IsTensor
                && outputs[n].ElementDataType is TensorElementType.Float or TensorElementType.Double)
                ?? throw new ModelValidationException($"{where}: a regression model needs a float or double output tensor.");
            requested.Add(value);
            return new TabularPlan(manifest, inputNames, columns, requested, -1, -1, false, outputs);
        }

        var label = outputNames.FirstOrDefault(n => outputs[n].IsTensor
            && outputs[n].ElementDataType is TensorElementType.Int64 or TensorElementType.String);
        var probabilities = outputNames.FirstOrDefault(n =>
            (outputs[n].IsTensor && outputs[n].ElementDataType == TensorElementType.Float && outputs[n].Dimensions.Length == 2)
            || outputs[n].OnnxValueType == OnnxValueType.ONNX_TYPE_SEQUENCE);
        if (label is null && probabilities is null)
        {
            throw new ModelValidationException($"{where}: a classification model needs a label (int64/string) or probabilities output.");
        }

        int labelIndex = -1, probabilitiesIndex = -1;
        if (label is not null)
        {
            labelIndex = requested.Count;
            requested.Add(label);
        }

        if (probabilities is not null)
        {
            probabilitiesIndex = requested.Count;
            requested.Add(probabilities);
        }

        var zipMap = probabilities is not null && !outputs[probabilities].IsTensor;
        return new TabularPlan(manifest, inputNames, columns, requested, labelIndex, probabilitiesIndex, zipMap, outputs);
    }

    private static void CheckMatrixInput(string where, string inputName, int width, IReadOnlyDictionary<string, NodeMetadata> inputs)
    {
        if (!inputs.TryGetValue(inputName, out var input))
        {
            throw new ModelValidationException($"{where}: the feature schema feeds input '{inputName}', which the ONNX graph does not have.");
        }

        if (inputs.Count != 1)
        {
            throw new ModelValidationException($"{where}: record scoring feeds one input, but the graph needs {inputs.Count}.");
        }

        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float || input.Dimensions.Length != 2
            || (input.Dimensions[1] >= 0 && input.Dimensions[1] != width))
        {
            throw new ModelValidationException($"{where}: input '{inputName}' must be a float tensor [-1, {width}] for {width} features.");
        }
    }

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
