namespace Serverless.GpuServing.Batching;

/// <summary>
/// The queued requests of one batch key, oldest first. Guarded by the owning <see cref="DynamicBatcher"/>'s lock;
/// cancelled requests stay in <see cref="Items"/> until the loop passes them, but leave <see cref="Rows"/> at once.
/// </summary>
internal sealed class BatchGroup(bool solo)
{
    /// <summary>True for a request that cannot be concatenated with any other: it is its own batch.</summary>
    public bool Solo { get; } = solo;

    public Queue<PendingInference> Items { get; } = new();

    /// <summary>Rows of the requests still queued (not taken, not cancelled).</summary>
    public int Rows { get; set; }

    /// <summary>Drops cancelled requests from the front; returns the oldest live one, or null when none is left.</summary>
    public PendingInference? Head()
    {
        while (Items.TryPeek(out var head))
        {
            if (!head.IsCancelled)
            {
                return head;
            }

            Items.Dequeue();
        }

        return null;
    }
}
