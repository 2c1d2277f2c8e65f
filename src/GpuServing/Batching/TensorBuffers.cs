using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.GpuServing.Batching;

/// <summary>
/// Typed views of pooled arrays as <see cref="OrtValue"/>s, for every numeric and boolean OIP datatype. Stateless.
/// </summary>
internal static class TensorBuffers
{
    /// <summary>A new array of the datatype's CLR element type.</summary>
    public static Array Allocate(string datatype, int length) =>
        Array.CreateInstance(OipDatatype.ClrType(datatype) ?? throw Unsupported(datatype), length);

    /// <summary>Wraps the first <paramref name="length"/> elements of <paramref name="buffer"/> without copying (pinned until disposed).</summary>
    public static OrtValue Wrap(string datatype, Array buffer, int length, long[] shape) => datatype switch
    {
        OipDatatype.Fp32 => Create((float[])buffer, length, shape),
        OipDatatype.Fp64 => Create((double[])buffer, length, shape),
        OipDatatype.Int64 => Create((long[])buffer, length, shape),
        OipDatatype.Int32 => Create((int[])buffer, length, shape),
        OipDatatype.Int16 => Create((short[])buffer, length, shape),
        OipDatatype.Int8 => Create((sbyte[])buffer, length, shape),
        OipDatatype.UInt64 => Create((ulong[])buffer, length, shape),
        OipDatatype.UInt32 => Create((uint[])buffer, length, shape),
        OipDatatype.UInt16 => Create((ushort[])buffer, length, shape),
        OipDatatype.UInt8 => Create((byte[])buffer, length, shape),
        OipDatatype.Bool => Create((bool[])buffer, length, shape),
        _ => throw Unsupported(datatype),
    };

    /// <summary>True when requests of this datatype can be concatenated into a pooled buffer.</summary>
    public static bool CanBatch(string datatype) => datatype != OipDatatype.Bytes && OipDatatype.ClrType(datatype) is not null;

    private static OrtValue Create<T>(T[] buffer, int length, long[] shape)
        where T : unmanaged =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<T>(buffer, 0, length), shape);

    private static InvalidInferenceInputException Unsupported(string datatype) => new($"Datatype {datatype} cannot be batched.");
}
