using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.Core.Models;

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
internal sealed partial class TabularPlan
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
}
