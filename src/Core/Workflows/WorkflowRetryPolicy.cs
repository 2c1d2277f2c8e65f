namespace Serverless.Core.Workflows;

/// <summary>
/// Retry policy for activities, mirroring Durable Task's <c>RetryPolicy</c>: attempt n+1 waits
/// <c>FirstRetryInterval * BackoffCoefficient^(n-1)</c>, capped at <see cref="MaxRetryInterval"/>.
/// </summary>
/// <remarks>
/// Retries are driven by the orchestrator with durable timers, so they survive restarts and are replayed
/// deterministically. <see cref="RetryTimeout"/> bounds the time from the first attempt, measured with
/// <see cref="IOrchestrationContext.CurrentUtcDateTime"/>.
/// </remarks>
public sealed record WorkflowRetryPolicy
{
    public WorkflowRetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout;
    }

    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    public TimeSpan MaxRetryInterval { get; }

    /// <summary>No retry starts later than this after the first attempt; null means no bound.</summary>
    public TimeSpan? RetryTimeout { get; }

    /// <summary>The wait before the attempt that follows failed attempt number <paramref name="failedAttempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, failedAttempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
