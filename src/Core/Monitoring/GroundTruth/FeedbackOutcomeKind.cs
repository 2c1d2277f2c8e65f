namespace Serverless.Core.Monitoring.GroundTruth;

public enum FeedbackOutcomeKind
{
    /// <summary>Labels were joined (see the result for how many matched).</summary>
    Done,

    /// <summary>The model has no registered version.</summary>
    ModelNotFound,

    /// <summary>The bulk file does not exist.</summary>
    BlobNotFound,

    /// <summary>The bulk file is malformed or too long; nothing was stored.</summary>
    Invalid,
}
