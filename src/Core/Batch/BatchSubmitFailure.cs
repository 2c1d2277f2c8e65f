namespace Serverless.Core.Batch;

/// <summary>Why a batch job was not submitted.</summary>
public enum BatchSubmitFailure
{
    /// <summary>Submitted; <see cref="BatchSubmitOutcome.Job"/> is set.</summary>
    None,

    /// <summary>The model name, path or model version is malformed. Nothing was written.</summary>
    Invalid,

    /// <summary>The model, the model version or the input blob does not exist. Nothing was written.</summary>
    NotFound,
}
