using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.GpuServing.Batching;

internal sealed partial class BatchExecutor
{
    /// <summary>Each request's rows of every output, copied out of the batch's output (<paramref name="output"/> per output index).</summary>
    private static InferenceTensor[][] Split(List<PendingInference> batch, int total, Func<int, (Array Data, long[] Shape, string Datatype)> output)
    {
        var names = batch[0].OutputNames;
        var results = new InferenceTensor[batch.Count][];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = new InferenceTensor[names.Length];
        }

        for (var k = 0; k < names.Length; k++)
        {
            var (data, shape, datatype) = output(k);
            var rowElements = checked((int)(Elements(shape) / total));
            var row = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                var rows = batch[i].Rows;
                var slice = Array.CreateInstance(data.GetType().GetElementType()!, rows * rowElements);
                Array.Copy(data, row * rowElements, slice, 0, slice.Length);
                results[i][k] = new InferenceTensor(names[k], datatype, WithRows(shape, rows), slice);
                row += rows;
            }
        }

        return results;
    }

    private static long[] WithRows(long[] shape, int rows)
    {
        var copy = (long[])shape.Clone();
        copy[0] = rows;
        return copy;
    }

    private static long[] OutputShape(NodeMetadata meta, int rows)
    {
        var shape = new long[meta.Dimensions.Length];
        shape[0] = rows;
        for (var d = 1; d < shape.Length; d++)
        {
            shape[d] = meta.Dimensions[d];
        }

        return shape;
    }

    private static long Elements(long[] shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            count *= dim;
        }

        return count;
    }

    private static string Datatype(NodeMetadata meta) => OipDatatype.FromElementType(meta.ElementDataType)!;

    /// <summary>The key's buffer set, allocated on first use at full batch size and reused afterwards.</summary>
    private BatchBuffers GetBuffers(PendingInference template)
    {
        if (_buffers.TryGetValue(template.Key!, out var cached))
        {
            return cached;
        }

        if (_buffers.Count >= MaxBufferSets)
        {
            // Many distinct shapes: start over rather than keep every one's buffers for ever.
            _buffers.Clear();
        }

        var inputs = new Array[template.Inputs.Length];
        for (var j = 0; j < inputs.Length; j++)
        {
            var tensor = template.Inputs[j];
            inputs[j] = TensorBuffers.Allocate(tensor.Datatype, checked(maxBatchSize * (int)(tensor.Data.Length / tensor.Shape[0])));
        }

        var outputs = new Array[template.OutputNames.Length];
        var rowElements = new int[outputs.Length];
        for (var k = 0; k < outputs.Length; k++)
        {
            var meta = signature.Outputs[template.OutputNames[k]];
            var datatype = Datatype(meta);
            var trailing = meta.Dimensions.Skip(1).ToArray();
            if (!TensorBuffers.CanBatch(datatype) || trailing.Any(d => d < 0))
            {
                outputs = null;
                break;
            }

            rowElements[k] = (int)trailing.Aggregate(1L, (a, d) => a * d);
            outputs[k] = TensorBuffers.Allocate(datatype, checked(maxBatchSize * rowElements[k]));
        }

        var buffers = new BatchBuffers(inputs, outputs, outputs is null ? null : rowElements);
        _buffers[template.Key!] = buffers;
        return buffers;
    }
}
