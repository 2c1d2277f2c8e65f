using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Core.Scoring.OpenInference;

/// <summary>
/// Open Inference Protocol datatype names and the ONNX element types and CLR arrays that carry them.
/// </summary>
/// <remarks>
/// FP16 and BF16 are named (so metadata can describe such models) but carry no data over JSON here:
/// a request for them is refused with a clear error. Pure functions; thread-safe.
/// </remarks>
public static class OipDatatype
{
    public const string Bool = "BOOL";
    public const string UInt8 = "UINT8";
    public const string UInt16 = "UINT16";
    public const string UInt32 = "UINT32";
    public const string UInt64 = "UINT64";
    public const string Int8 = "INT8";
    public const string Int16 = "INT16";
    public const string Int32 = "INT32";
    public const string Int64 = "INT64";
    public const string Fp16 = "FP16";
    public const string Fp32 = "FP32";
    public const string Fp64 = "FP64";
    public const string Bytes = "BYTES";

    /// <summary>The OIP name of an ONNX element type, or null when the protocol has none.</summary>
    public static string? FromElementType(TensorElementType type) => type switch
    {
        TensorElementType.Bool => Bool,
        TensorElementType.UInt8 => UInt8,
        TensorElementType.UInt16 => UInt16,
        TensorElementType.UInt32 => UInt32,
        TensorElementType.UInt64 => UInt64,
        TensorElementType.Int8 => Int8,
        TensorElementType.Int16 => Int16,
        TensorElementType.Int32 => Int32,
        TensorElementType.Int64 => Int64,
        TensorElementType.Float16 => Fp16,
        TensorElementType.Float => Fp32,
        TensorElementType.Double => Fp64,
        TensorElementType.String => Bytes,
        _ => null,
    };

    /// <summary>The CLR element type that carries <paramref name="datatype"/> data, or null when unsupported.</summary>
    public static Type? ClrType(string datatype) => datatype switch
    {
        Bool => typeof(bool),
        UInt8 => typeof(byte),
        UInt16 => typeof(ushort),
        UInt32 => typeof(uint),
        UInt64 => typeof(ulong),
        Int8 => typeof(sbyte),
        Int16 => typeof(short),
        Int32 => typeof(int),
        Int64 => typeof(long),
        Fp32 => typeof(float),
        Fp64 => typeof(double),
        Bytes => typeof(string),
        _ => null,
    };

    /// <summary>True for every datatype name the protocol defines (supported for data or not).</summary>
    public static bool IsKnown(string datatype) => ClrType(datatype) is not null || datatype is Fp16 or "BF16";
}
