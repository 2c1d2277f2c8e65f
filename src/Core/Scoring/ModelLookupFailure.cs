namespace Serverless.Core.Scoring;

/// <summary>Why a model could not be resolved for a request.</summary>
public enum ModelLookupFailure
{
    /// <summary>Resolved; <see cref="ModelResolution.Model"/> is set.</summary>
    None,

    /// <summary>No such model or version, no champion, or a name outside <see cref="Models.ModelNames.Rule"/>.</summary>
    NotFound,

    /// <summary>
    /// The version exists but cannot be served: its artifact failed SHA-256 verification or it does not load.
    /// Nothing was loaded; the failure lasts until the artifact or manifest is repaired.
    /// </summary>
    Unservable,
}
