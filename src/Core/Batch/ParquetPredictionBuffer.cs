using System.Buffers;
using Parquet;
using Parquet.Schema;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Core.Batch;

/// <summary>
/// The prediction columns of one output row group, collected block by block: <c>prediction_label</c> (string),
/// <c>prediction_probability_{class}</c> (float) or <c>prediction_value</c> (float), null where the model returned
/// NaN or infinity, then <c>prediction_model_version</c> (int32). Names as <see cref="PredictionColumns"/>.
/// </summary>
internal sealed class ParquetPredictionBuffer
{
    private readonly PredictionColumns _columns;
    private readonly List<string> _labels = [];
    private readonly ArrayBufferWriter<float?>[] _numbers;
    private int[] _versions = [];
    private int _count;

    public ParquetPredictionBuffer(PredictionColumns columns)
    {
        _columns = columns;
        var names = columns.Names;
        var classification = columns.Task == ModelTask.Classification;
        _numbers = new ArrayBufferWriter<float?>[classification ? columns.ClassCount : 1];
        for (var i = 0; i < _numbers.Length; i++)
        {
            _numbers[i] = new ArrayBufferWriter<float?>();
        }

        var fields = new List<DataField>(names.Count);
        if (classification)
        {
            fields.Add(new DataField<string>(names[0], nullable: false));
        }

        fields.AddRange(names.Skip(fields.Count).Take(_numbers.Length).Select(n => new DataField<float?>(n)));
        fields.Add(new DataField<int>(names[^1]));
        Fields = fields;
    }

    public IReadOnlyList<DataField> Fields { get; }

    public void Append(TabularPredictions predictions, int rows)
    {
        if (_columns.Task == ModelTask.Classification)
        {
            var spans = _numbers.Select(n => n.GetMemory(rows)).ToArray();
            for (var row = 0; row < rows; row++)
            {
                _labels.Add(predictions.Labels![row]);
                var probabilities = _columns.Probabilities(predictions, row);
                for (var c = 0; c < spans.Length; c++)
                {
                    spans[c].Span[row] = Finite(probabilities[c]);
                }
            }
        }
        else
        {
            var values = _numbers[0].GetSpan(rows);
            for (var row = 0; row < rows; row++)
            {
                values[row] = Finite(predictions.Values![row]);
            }
        }

        foreach (var numbers in _numbers)
        {
            numbers.Advance(rows);
        }

        _count += rows;
    }

    /// <summary>Writes the collected rows as the group's last columns (the caller then <see cref="Clear"/>s).</summary>
    public async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
    {
        var field = 0;
        if (_columns.Task == ModelTask.Classification)
        {
            await group.WriteAsync(Fields[field++], _labels, null);
        }

        foreach (var numbers in _numbers)
        {
            await group.WriteAsync<float>(Fields[field++], numbers.WrittenMemory, null, null, cancellationToken);
        }

        if (_versions.Length < _count)
        {
            _versions = new int[_count];
            Array.Fill(_versions, _columns.ModelVersion);
        }

        await group.WriteAsync<int>(Fields[field], _versions.AsMemory(0, _count), null, null, cancellationToken);
    }

    public void Clear()
    {
        _labels.Clear();
        foreach (var numbers in _numbers)
        {
            numbers.ResetWrittenCount();
        }

        _count = 0;
    }

    // Parquet floats can hold NaN, but CSV writes nothing and JSON null there: null keeps the formats alike.
    private static float? Finite(float value) => float.IsFinite(value) ? value : null;
}
