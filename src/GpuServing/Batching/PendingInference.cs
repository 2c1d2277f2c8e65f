using Serverless.Core.Scoring.OpenInference;

namespace Serverless.GpuServing.Batching;

/// <summary>
/// One caller's request waiting in a <see cref="DynamicBatcher"/>; its task completes with exactly the caller's rows.
/// </summary>
/// <remarks>
/// The state moves once, from queued to taken (by a batch) or to cancelled (by the caller), whichever comes first,
/// so a cancelled request never runs and a taken one is never half-cancelled. Continuations run asynchronously, so
/// completing a batch never runs callers' code on the batching loop.
/// </remarks>
internal sealed class PendingInference : TaskCompletionSource<InferenceTensor[]>
{
    private const int Queued = 0, Taken = 1, Cancelled = 2;
    private int _state;

    /// <param name="inputs">Checked inputs in the session's input order.</param>
    /// <param name="inputNames">Their names, same order.</param>
    /// <param name="outputNames">The outputs to return, in the caller's order.</param>
    /// <param name="rows">Rows along dimension 0 (all inputs agree).</param>
    /// <param name="key">Requests with equal keys can be concatenated; null runs alone.</param>
    /// <param name="enqueuedAt">A <see cref="TimeProvider.GetTimestamp"/> value.</param>
    public PendingInference(InferenceTensor[] inputs, string[] inputNames, string[] outputNames, int rows, string? key, long enqueuedAt)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Inputs = inputs;
        InputNames = inputNames;
        OutputNames = outputNames;
        Rows = rows;
        Key = key;
        EnqueuedAt = enqueuedAt;
    }

    public InferenceTensor[] Inputs { get; }

    public string[] InputNames { get; }

    public string[] OutputNames { get; }

    public int Rows { get; }

    public string? Key { get; }

    public long EnqueuedAt { get; }

    /// <summary>The queue group holding this request; set under the batcher's lock when it is queued.</summary>
    public BatchGroup? Group { get; set; }

    public CancellationTokenRegistration Registration { get; set; }

    public bool IsCancelled => Volatile.Read(ref _state) == Cancelled;

    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;
}
