namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>
/// At most a number of prediction-log rows per second on this instance (<see cref="PredictionLogOptions.MaxRowsPerSecond"/>).
/// </summary>
/// <remarks>
/// The log's partition is the model, and one Table Storage partition takes about 2,000 entities a second for all instances
/// together; without a cap a busy instance alone would exceed it at a 10 % sample, and its writes would cost more than the
/// predictions they log. Counted per wall-clock second: a request is admitted while the second's count is under the cap
/// and adds all its rows, so a request larger than the cap is still logged now and then. Lock-free; the reset at a
/// second's turn may let a few extra rows through, never fewer.
/// </remarks>
internal sealed class RowRateLimit(int rowsPerSecond, TimeProvider time)
{
    private long _second = long.MinValue;
    private long _count;

    public bool TryTake(int rows)
    {
        if (rowsPerSecond <= 0)
        {
            return true;
        }

        Roll();
        if (Volatile.Read(ref _count) >= rowsPerSecond)
        {
            return false;
        }

        Interlocked.Add(ref _count, rows);
        return true;
    }

    /// <summary>Counts rows that must be logged whatever the cap (they still use up the second's budget).</summary>
    public void Take(int rows)
    {
        if (rowsPerSecond > 0)
        {
            Roll();
            Interlocked.Add(ref _count, rows);
        }
    }

    /// <summary>Starts a new count when the second has turned.</summary>
    private void Roll()
    {
        var second = time.GetTimestamp() / time.TimestampFrequency;
        var current = Volatile.Read(ref _second);
        if (current != second && Interlocked.CompareExchange(ref _second, second, current) == current)
        {
            Interlocked.Exchange(ref _count, 0);
        }
    }
}
