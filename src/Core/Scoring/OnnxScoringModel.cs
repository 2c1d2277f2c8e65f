using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Models;
using Serverless.Core.Scoring.OpenInference;

namespace Serverless.Core.Scoring;

/// <summary>
/// One model version in one ONNX Runtime <see cref="InferenceSession"/>, tuned for low-latency small batches.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// may be called concurrently and every other field is immutable after construction. Each session runs
/// single-threaded inside (intra-op 1 by default, no spinning): requests are parallel across sessions'
/// callers, not within one small batch, so no thread pool is spun up per model.
/// <see cref="Dispose"/> is deferred: it retires the model, and the native session is released once the
/// last in-flight call returns. Calls that start after that throw <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed partial class OnnxScoringModel : IScoringModel, IDisposable
{
    private const int DisposedSentinel = int.MinValue / 2;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly TimeProvider _time;
    private int _inFlight;
    private int _retired;
    private long _lastUsed;

    /// <summary>Creates the session from bytes already verified against <see cref="ModelManifest.ArtifactSha256"/>.</summary>
    /// <param name="manifest">The version's manifest.</param>
    /// <param name="onnx">The model file.</param>
    /// <param name="intraOpThreads">Threads one Run may use; 1 suits many concurrent small requests.</param>
    /// <exception cref="ModelValidationException">The file does not load or does not fit its manifest.</exception>
    public OnnxScoringModel(ModelManifest manifest, byte[] onnx, int intraOpThreads = 1)
        : this(manifest, onnx, intraOpThreads, TimeProvider.System)
    {
    }

    internal OnnxScoringModel(ModelManifest manifest, byte[] onnx, int intraOpThreads, TimeProvider time)
    {
        Manifest = manifest;
        _time = time;
        _lastUsed = time.GetTimestamp();
        using (var options = CreateSessionOptions(intraOpThreads))
        {
            try
            {
                _session = new InferenceSession(onnx, options);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ModelValidationException($"Model '{manifest.Name}' version {manifest.Version} does not load in ONNX Runtime: {e.Message}", e);
            }
        }

        try
        {
            _inputs = _session.InputMetadata;
            _outputs = _session.OutputMetadata;
            _signature = new InferenceSignature(manifest.Name, _inputs, _outputs, _session.OutputNames);
            Encoder = manifest.Features is null ? null : new FeatureEncoder(manifest.Features);
            _tabular = TabularPlan.Create(manifest, Encoder, _inputs, _session.OutputNames, _outputs);
        }
        catch
        {
            _session.Dispose();
            _runOptions.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ModelManifest Manifest { get; }

    /// <inheritdoc />
    public FeatureEncoder? Encoder { get; }

    /// <summary>When the model last started a call, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    internal long LastUsedTimestamp => Volatile.Read(ref _lastUsed);

    /// <summary>True once the native session has been released.</summary>
    internal bool IsReleased => Volatile.Read(ref _inFlight) < 0;

    /// <summary>Retires the model: the session is released as soon as no call is in flight.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _retired, 1);
        TryRelease();
    }

    /// <summary>Marks a call in flight so the session outlives it even if the model is retired meanwhile.</summary>
    internal void Enter()
    {
        if (Interlocked.Increment(ref _inFlight) <= 0)
        {
            Interlocked.Decrement(ref _inFlight);
            throw new ObjectDisposedException(nameof(OnnxScoringModel), $"Model '{Manifest.Name}' version {Manifest.Version} was retired.");
        }

        Volatile.Write(ref _lastUsed, _time.GetTimestamp());
    }

    internal void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _retired) == 1)
        {
            TryRelease();
        }
    }

    private void TryRelease()
    {
        // Only one caller wins the 0 -> sentinel swap; afterwards Enter sees a negative count and refuses.
        if (Interlocked.CompareExchange(ref _inFlight, DisposedSentinel, 0) == 0)
        {
            while (_rowInputs.TryTake(out var input))
            {
                input.Dispose();
            }

            _session.Dispose();
            _runOptions.Dispose();
        }
    }

    private static SessionOptions CreateSessionOptions(int intraOpThreads)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            EnableMemoryPattern = true,
            EnableCpuMemArena = true,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        // Spinning workers burn the cores other requests need on a small serverless instance.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }
}
