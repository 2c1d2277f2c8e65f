using System.Text.Json.Serialization;

namespace Serverless.Core.Models;

/// <summary>
/// How far a model's record predictions are trusted as decisions (the degrees of automation). Set per model with
/// <c>PUT /api/models/{name}/automation</c>; read by scoring from the cached deployment state.
/// </summary>
/// <remarks><see cref="Full"/> is 0, so a deployment state written before levels existed reads as full automation.</remarks>
public enum AutomationLevel
{
    /// <summary>Predictions are returned as decisions, as they always were.</summary>
    [JsonStringEnumMemberName("full")]
    Full,

    /// <summary>
    /// Returned as decisions when the top class probability reaches the model's review threshold; below it (or for a
    /// regression value, which has no confidence) the record is flagged <c>needs_review</c> and queued for a reviewer.
    /// </summary>
    [JsonStringEnumMemberName("partial")]
    Partial,

    /// <summary>Returned with explanation fields (confidence, the features that moved the score most) for a person who decides.</summary>
    [JsonStringEnumMemberName("assist")]
    Assist,

    /// <summary>Scored and logged (every request), not returned: the caller's own process decides and posts the true labels as feedback.</summary>
    [JsonStringEnumMemberName("shadow")]
    Shadow,

    /// <summary>Scored and logged (every request), not returned: every record is queued for a reviewer, whose label is the decision.</summary>
    [JsonStringEnumMemberName("human")]
    Human,
}
