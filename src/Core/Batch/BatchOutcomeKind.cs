namespace Serverless.Core.Batch;

/// <summary>What one trigger of <see cref="BatchScoringHandler"/> did.</summary>
public enum BatchOutcomeKind
{
    /// <summary>Scored and published by this call.</summary>
    Completed,
    /// <summary>Rejected as a whole by this call; only the summary was published (an earlier version's output and errors deleted).</summary>
    Rejected,
    /// <summary>This version already has a final receipt: nothing was done.</summary>
    Duplicate,
    /// <summary>Another worker holds the claim: nothing was done; trigger again later.</summary>
    Busy,
    /// <summary>The blob changed while it was scored: nothing was published.</summary>
    Superseded,
    /// <summary>Not a batch file (no model folder, unknown extension), or it no longer exists.</summary>
    Ignored,
}
