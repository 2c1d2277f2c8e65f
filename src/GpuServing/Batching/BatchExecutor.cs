using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.GpuServing.Batching;

/// <summary>
/// Runs requests on one ONNX Runtime session: alone (<see cref="RunOne"/>), or a batch concatenated along
/// dimension 0 into pooled buffers and split back per request (<see cref="RunBatch"/>).
/// </summary>
/// <remarks>
/// Each request gets exactly its own rows, in order, in fresh arrays (the pooled ones are reused by the next batch).
/// When the concatenated call fails (one request's values may upset an operator), every request of the batch runs
/// again alone, so each caller gets its own outcome. <see cref="RunOne"/> is thread-safe; <see cref="RunBatch"/> is
/// called by one batching loop at a time (the buffers are its own).
/// </remarks>
internal sealed partial class BatchExecutor(InferenceSession session, InferenceSignature signature, int maxBatchSize) : IDisposable
{
    private const int MaxBufferSets = 16;

    private readonly RunOptions _runOptions = new();
    private readonly Dictionary<string, BatchBuffers> _buffers = new(StringComparer.Ordinal);

    /// <summary>Runs checked inputs as they are (no copy) and returns the requested outputs.</summary>
    public InferenceTensor[] RunOne(IReadOnlyList<InferenceTensor> inputs, string[] inputNames, string[] outputNames) =>
        OrtTensors.Run(session, _runOptions, inputs, inputNames, outputNames);

    /// <summary>Runs a batch whose requests all share one batch key (or a single request) and completes each.</summary>
    public void RunBatch(List<PendingInference> batch)
    {
        if (batch.Count == 1)
        {
            Complete(batch[0]);
            return;
        }

        InferenceTensor[][] results;
        try
        {
            results = RunConcatenated(batch);
        }
        catch (Exception e) when (e is OnnxRuntimeException or BatchShapeException)
        {
            foreach (var item in batch)
            {
                Complete(item);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].TrySetResult(results[i]);
        }
    }

    public void Dispose() => _runOptions.Dispose();

    private void Complete(PendingInference item)
    {
        try
        {
            item.TrySetResult(RunOne(item.Inputs, item.InputNames, item.OutputNames));
        }
        catch (Exception e)
        {
            item.TrySetException(e);
        }
    }

    private InferenceTensor[][] RunConcatenated(List<PendingInference> batch)
    {
        var first = batch[0];
        var total = 0;
        foreach (var item in batch)
        {
            total += item.Rows;
        }

        var buffers = GetBuffers(first);
        var inputs = new OrtValue[first.Inputs.Length];
        OrtValue[]? outputs = null;
        try
        {
            for (var j = 0; j < inputs.Length; j++)
            {
                var offset = 0;
                foreach (var item in batch)
                {
                    var data = item.Inputs[j].Data;
                    Array.Copy(data, 0, buffers.Inputs[j], offset, data.Length);
                    offset += data.Length;
                }

                inputs[j] = TensorBuffers.Wrap(first.Inputs[j].Datatype, buffers.Inputs[j], offset, WithRows(first.Inputs[j].Shape, total));
            }

            if (buffers.Outputs is { } pooled)
            {
                outputs = new OrtValue[pooled.Length];
                for (var k = 0; k < outputs.Length; k++)
                {
                    var meta = signature.Outputs[first.OutputNames[k]];
                    outputs[k] = TensorBuffers.Wrap(Datatype(meta), pooled[k], total * buffers.OutputRowElements![k], OutputShape(meta, total));
                }

                session.Run(_runOptions, first.InputNames, inputs, first.OutputNames, outputs);
                return Split(batch, total, k =>
                {
                    var meta = signature.Outputs[first.OutputNames[k]];
                    return (pooled[k], OutputShape(meta, total), Datatype(meta));
                });
            }

            using var results = session.Run(_runOptions, first.InputNames, inputs, first.OutputNames);
            var full = new InferenceTensor[results.Count];
            for (var k = 0; k < full.Length; k++)
            {
                full[k] = OrtTensors.FromOrtValue(first.OutputNames[k], results[k]);
                if (full[k].Shape.Length == 0 || full[k].Shape[0] != total)
                {
                    throw new BatchShapeException($"Output '{first.OutputNames[k]}' has shape [{string.Join(",", full[k].Shape)}] for a batch of {total} rows.");
                }
            }

            return Split(batch, total, k => (full[k].Data, full[k].Shape, full[k].Datatype));
        }
        finally
        {
            foreach (var value in inputs)
            {
                value?.Dispose();
            }

            foreach (var value in outputs ?? [])
            {
                value?.Dispose();
            }
        }
    }
}
