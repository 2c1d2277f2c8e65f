using System.Globalization;
using System.Text;
using Serverless.Core.Models;
using Serverless.Core.Scoring.OpenInference;
using Serverless.GpuServing.Batching;

namespace Serverless.GpuServing.Models;

internal sealed partial class ServedModel
{
    /// <summary>
    /// Runs zeros through the model before it serves: a full batch through the batch path (which allocates its
    /// pooled buffers and lets the provider set up kernels for the largest shape), then one row alone.
    /// </summary>
    /// <exception cref="ModelValidationException">The model does not run on zeros.</exception>
    public void WarmUp()
    {
        try
        {
            var outputs = Signature.TensorOutputNames;
            if (_batcher is not null && _batchable && _batching.MaxBatchSize > 1)
            {
                var items = new List<PendingInference>(_batching.MaxBatchSize);
                for (var i = 0; i < _batching.MaxBatchSize; i++)
                {
                    var inputs = Zeros(rows: 1);
                    var (rows, key) = Plan(inputs, outputs);
                    items.Add(new PendingInference(inputs, _inputOrder, outputs, rows, key, _time.GetTimestamp()));
                }

                _executor.RunBatch(items);
                foreach (var item in items)
                {
                    item.Task.GetAwaiter().GetResult();
                }
            }

            _executor.RunOne(Zeros(rows: 1), _inputOrder, outputs);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelValidationException(
                string.Create(CultureInfo.InvariantCulture, $"Model '{Manifest.Name}' version {Manifest.Version} failed its warm-up run on zeros: {e.Message}"), e);
        }

        _ready = true;
    }

    /// <summary>The checked inputs in the session's order, so requests that name them in any order share batches.</summary>
    private InferenceTensor[] InSessionOrder(IReadOnlyList<InferenceTensor> inputs, string[] names)
    {
        var ordered = new InferenceTensor[_inputOrder.Length];
        for (var i = 0; i < _inputOrder.Length; i++)
        {
            ordered[i] = inputs[Array.IndexOf(names, _inputOrder[i])];
        }

        return ordered;
    }

    /// <summary>
    /// The request's rows and batch key: datatypes and dimensions past the first of every input, and the outputs.
    /// Null (run alone) for a model that cannot batch, inputs that disagree on rows, strings, or more rows than a batch.
    /// </summary>
    private (int Rows, string? Key) Plan(InferenceTensor[] inputs, string[] outputs)
    {
        var rows = inputs[0].Shape.Length == 0 ? 1 : inputs[0].Shape[0];
        var batchable = _batchable && rows <= _batching.MaxBatchSize;
        var key = new StringBuilder(64);
        foreach (var input in inputs)
        {
            batchable &= input.Shape.Length > 0 && input.Shape[0] == rows && TensorBuffers.CanBatch(input.Datatype);
            if (!batchable)
            {
                break;
            }

            key.Append(input.Datatype).Append('[');
            for (var d = 1; d < input.Shape.Length; d++)
            {
                key.Append(input.Shape[d]).Append(',');
            }

            key.Append(']');
        }

        if (!batchable)
        {
            return ((int)Math.Min(rows, int.MaxValue), null);
        }

        key.Append("->").AppendJoin(',', outputs);
        return ((int)rows, key.ToString());
    }

    /// <summary>Zeros (empty strings) of every input, with <paramref name="rows"/> rows and 1 for any other variable dimension.</summary>
    private InferenceTensor[] Zeros(int rows)
    {
        var inputs = new InferenceTensor[_inputOrder.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var meta = Signature.Inputs[_inputOrder[i]];
            var datatype = OipDatatype.FromElementType(meta.ElementDataType);
            var clr = datatype is null ? null : OipDatatype.ClrType(datatype);
            if (clr is null)
            {
                throw new ModelValidationException($"Input '{_inputOrder[i]}' has element type {meta.ElementDataType}, which JSON requests cannot carry.");
            }

            var shape = new long[meta.Dimensions.Length];
            for (var d = 0; d < shape.Length; d++)
            {
                shape[d] = meta.Dimensions[d] >= 0 ? meta.Dimensions[d] : d == 0 ? rows : 1;
            }

            var data = Array.CreateInstance(clr, (int)shape.Aggregate(1L, (a, b) => a * b));
            if (data is string[] strings)
            {
                Array.Fill(strings, string.Empty);
            }

            inputs[i] = new InferenceTensor(_inputOrder[i], datatype!, shape, data);
        }

        return inputs;
    }
}
