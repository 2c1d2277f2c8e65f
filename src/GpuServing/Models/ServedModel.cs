using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Scoring.OpenInference;
using Serverless.GpuServing.Batching;
using Serverless.GpuServing.Execution;

namespace Serverless.GpuServing.Models;

/// <summary>
/// One model version on the GPU app: a session on the configured execution provider, warmed before it serves,
/// and its <see cref="DynamicBatcher"/> (or none, with batching disabled).
/// </summary>
/// <remarks>
/// A model is batchable when every input and every tensor output has a variable dimension 0; then requests whose
/// inputs agree on their row count and the rest of their shapes share batches. Otherwise each request runs alone.
/// Thread-safe. <see cref="DisposeAsync"/> refuses new calls (<see cref="ModelRetiredException"/>), drains the queue,
/// waits for calls in flight, then releases the session.
/// </remarks>
internal sealed partial class ServedModel : IAsyncDisposable
{
    private readonly InferenceSession _session;
    private readonly BatchExecutor _executor;
    private readonly DynamicBatcher? _batcher;
    private readonly BatchingOptions _batching;
    private readonly TimeProvider _time;
    private readonly string[] _inputOrder;
    private readonly bool _batchable;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _retired;
    private long _lastUsed;
    private volatile bool _ready;

    private ServedModel(ModelManifest manifest, InferenceSession session, BatchingOptions batching, BatchingMetrics metrics, TimeProvider time)
    {
        Manifest = manifest;
        Encoder = manifest.Features is null ? null : new FeatureEncoder(manifest.Features);
        _session = session;
        _batching = batching;
        _time = time;
        _lastUsed = time.GetTimestamp();
        Signature = new InferenceSignature(manifest.Name, session.InputMetadata, session.OutputMetadata, session.OutputNames);
        _inputOrder = [.. session.InputNames];
        _batchable = session.InputMetadata.Values.All(m => m.IsTensor && m.Dimensions is [-1, ..])
            && Signature.TensorOutputNames.All(n => session.OutputMetadata[n].Dimensions is [-1, ..]);
        _executor = new BatchExecutor(session, Signature, batching.MaxBatchSize);
        if (batching.Enabled)
        {
            _batcher = new DynamicBatcher(manifest.Name, manifest.Version, _executor.RunBatch, batching, metrics, time);
        }
    }

    public ModelManifest Manifest { get; }

    /// <summary>Encodes records for this version (null without a feature schema): built once, immutable.</summary>
    public FeatureEncoder? Encoder { get; }

    public InferenceSignature Signature { get; }

    /// <summary>True once the warm-up batch has run; a model is never served before.</summary>
    public bool IsReady => _ready;

    /// <summary>True when requests can be concatenated (see remarks).</summary>
    public bool IsBatchable => _batchable;

    /// <summary>Requests waiting in the batching queue.</summary>
    public int Queued => _batcher?.Queued ?? 0;

    /// <summary>When the model last took a call, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long LastUsedTimestamp => Volatile.Read(ref _lastUsed);

    /// <summary>Creates the session from bytes already verified against <see cref="ModelManifest.ArtifactSha256"/>.</summary>
    /// <exception cref="ModelValidationException">The file does not load.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The configured provider cannot be used.</exception>
    public static ServedModel Load(ModelManifest manifest, byte[] onnx, SessionOptionsFactory sessions, BatchingOptions batching, BatchingMetrics metrics, TimeProvider time)
    {
        InferenceSession session;
        using (var options = sessions.Create())
        {
            try
            {
                session = new InferenceSession(onnx, options);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ModelValidationException($"Model '{manifest.Name}' version {manifest.Version} does not load in ONNX Runtime: {e.Message}", e);
            }
        }

        try
        {
            return new ServedModel(manifest, session, batching, metrics, time);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Checks the request, queues it (or runs it, without batching) and returns the requested outputs.</summary>
    /// <exception cref="InvalidInferenceInputException">The inputs or outputs do not fit the model.</exception>
    /// <exception cref="OnnxRuntimeException">The model could not run on these inputs.</exception>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    /// <exception cref="ModelRetiredException">The version is being unloaded; look it up again.</exception>
    public async Task<InferenceTensor[]> InferAsync(InferRequest request, CancellationToken cancellationToken)
    {
        var names = Signature.CheckInputs(request.Inputs);
        var outputs = Signature.ResolveOutputs(request.Outputs);
        if (!TryEnter())
        {
            throw Retired();
        }

        try
        {
            if (_batcher is null)
            {
                return _executor.RunOne(request.Inputs, names, outputs);
            }

            var ordered = InSessionOrder(request.Inputs, names);
            var (rows, key) = Plan(ordered, outputs);
            return await _batcher.InferAsync(ordered, _inputOrder, outputs, rows, key, cancellationToken).ConfigureAwait(false);
        }
        catch (BatcherStoppedException)
        {
            throw Retired();
        }
        finally
        {
            Exit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 1)
        {
            await _idle.Task.ConfigureAwait(false);
            return;
        }

        if (_batcher is not null)
        {
            await _batcher.DrainAsync().ConfigureAwait(false);
        }

        if (Volatile.Read(ref _inFlight) == 0)
        {
            _idle.TrySetResult();
        }

        await _idle.Task.ConfigureAwait(false);
        _executor.Dispose();
        _session.Dispose();
    }

    private bool TryEnter()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _retired) == 1)
        {
            Exit();
            return false;
        }

        Volatile.Write(ref _lastUsed, _time.GetTimestamp());
        return true;
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _retired) == 1)
        {
            _idle.TrySetResult();
        }
    }

    private ModelRetiredException Retired() => new(
        string.Create(CultureInfo.InvariantCulture, $"Model '{Manifest.Name}' version {Manifest.Version} is being unloaded."));
}
