namespace Serverless.Core.Monitoring.Review;

public enum ReviewOutcomeKind
{
    /// <summary>The label was stored as feedback and the item left the queue.</summary>
    Done,

    /// <summary>The model has no registered version.</summary>
    ModelNotFound,

    /// <summary>No such record is queued (never queued, already labelled, or expired).</summary>
    NotQueued,

    /// <summary>The label does not fit the predicting version (an unknown class, a non-numeric value); nothing changed.</summary>
    Invalid,
}
