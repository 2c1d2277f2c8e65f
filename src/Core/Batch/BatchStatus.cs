namespace Serverless.Core.Batch;

/// <summary>Where an input version (path + ETag) stands. Completed, Rejected and Superseded are final.</summary>
public enum BatchStatus
{
    /// <summary>Claimed, or claimed once by a worker that stopped; may be (re)scored.</summary>
    Pending,
    /// <summary>Scored; output, errors and summary published.</summary>
    Completed,
    /// <summary>The file as a whole cannot be scored (header, model, format); only the summary is published.</summary>
    Rejected,
    /// <summary>The last attempt failed (storage, runtime); the next trigger retries.</summary>
    Failed,
    /// <summary>The blob changed while it was scored; the new version is scored by its own trigger.</summary>
    Superseded,
}
