using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Core.Scoring;

/// <summary>
/// A reusable <c>[1, width]</c> input tensor over a pinned buffer and, once bound, the outputs of one row over pinned
/// buffers too. A single-record call copies its row in (a few dozen bytes) and runs the pre-bound session: no native
/// OrtValue created or released, no output allocated by ONNX Runtime, no names marshalled. Not thread-safe: one call uses
/// it at a time (OnnxScoringModel pools them).
/// </summary>
/// <remarks>
/// Binding outputs to fixed buffers needs their shapes for one row. Those come from the first call's own results, not
/// from the graph's metadata, which may leave dimensions symbolic: a tabular model's outputs for one row are the same
/// shape on every call. String labels and ZipMap outputs cannot be pre-allocated; such models keep the plain Run.
/// Measured with bench/Serving.Bench <c>handler</c> (its two raw anchors): the sample model's call 3.8-5.1 -> 2.8-3.0 us.
/// </remarks>
internal sealed class RowInput : IDisposable
{
    private readonly float[] _buffer;
    private readonly OrtValue _value;
    private OrtValue[]? _outputs;
    private OrtIoBinding? _binding;

    public RowInput(int width)
    {
        _buffer = GC.AllocateArray<float>(width, pinned: true);
        _value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _buffer.AsMemory(), [1, width]);
        Values = [_value];
    }

    /// <summary>The tensor as Run's input list (allocated once).</summary>
    public OrtValue[] Values { get; }

    public void Load(ReadOnlySpan<float> row) => row.CopyTo(_buffer);

    /// <summary>
    /// Runs the pre-bound session on the loaded row and returns its outputs, in the order they were bound (valid until the
    /// next call); null, with nothing run, when not bound.
    /// </summary>
    public IReadOnlyList<OrtValue>? RunBound(InferenceSession session, RunOptions options)
    {
        if (_binding is null)
        {
            return null;
        }

        session.RunWithBinding(options, _binding);
        return _outputs;
    }

    /// <summary>
    /// Binds this input and fixed output buffers shaped like <paramref name="results"/> (one row's outputs of
    /// <paramref name="outputNames"/>), when every one is a float, double or int64 tensor; otherwise leaves it unbound.
    /// </summary>
    public void Bind(InferenceSession session, string inputName, IReadOnlyList<string> outputNames, IReadOnlyList<OrtValue> results)
    {
        if (_binding is not null || results.Any(r => !r.IsTensor
            || r.GetTensorTypeAndShape().ElementDataType is not (TensorElementType.Float or TensorElementType.Double or TensorElementType.Int64)))
        {
            return;
        }

        var outputs = results.Select(Allocate).ToArray();
        var binding = session.CreateIoBinding();
        binding.BindInput(inputName, _value);
        for (var i = 0; i < outputs.Length; i++)
        {
            binding.BindOutput(outputNames[i], outputs[i]);
        }

        _outputs = outputs;
        _binding = binding;
    }

    public void Dispose()
    {
        _binding?.Dispose();
        foreach (var output in _outputs ?? [])
        {
            output.Dispose();
        }

        _value.Dispose();
    }

    private static OrtValue Allocate(OrtValue like)
    {
        var info = like.GetTensorTypeAndShape();
        var count = checked((int)info.ElementCount);
        return info.ElementDataType switch
        {
            TensorElementType.Float => Pinned<float>(count, info.Shape),
            TensorElementType.Double => Pinned<double>(count, info.Shape),
            _ => Pinned<long>(count, info.Shape),
        };
    }

    private static OrtValue Pinned<T>(int count, long[] shape)
        where T : unmanaged =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, GC.AllocateArray<T>(count, pinned: true).AsMemory(), shape);
}
