namespace Serverless.Core.Capacity;

/// <summary>The load to plan for.</summary>
/// <param name="PredictionsPerSecond">Rows scored per second at peak (records, not requests).</param>
/// <param name="P99Ms">Latency the callers need at the 99th percentile.</param>
/// <param name="RowsPerRequest">Records per predict call (1 = one call per prediction; batching callers send more).</param>
/// <param name="ModelMegabytes">Size of the model's ONNX file.</param>
/// <param name="Gpu">The model is served by the GPU app (manifest <c>"serving": "gpu"</c>).</param>
/// <param name="GpuRowsPerSecondPerReplica">Measured throughput of one GPU replica for this model (bench/gpu.sh); required when <paramref name="Gpu"/>.</param>
/// <param name="BatchRowsPerDay">Rows arriving as batch files per day (0 = no batch).</param>
/// <param name="BatchWindowHours">Hours in which a day's batch must be scored.</param>
/// <param name="TrainingRows">Rows of one training run (0 = no training).</param>
/// <param name="TrainingFeatures">Features (columns) of the training data.</param>
public sealed record CapacityRequest(
    double PredictionsPerSecond,
    double P99Ms,
    int RowsPerRequest = 1,
    double ModelMegabytes = 1,
    bool Gpu = false,
    double? GpuRowsPerSecondPerReplica = null,
    long BatchRowsPerDay = 0,
    double BatchWindowHours = 4,
    long TrainingRows = 0,
    int TrainingFeatures = 10);
