using System.Diagnostics.CodeAnalysis;
using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>The outcome of resolving a model for a request: the model, or why not with a message naming the model and version.</summary>
public sealed record ModelResolution
{
    private ModelResolution(
        IScoringModel? model, ModelLookupFailure failure, string? message, string? reason = null, IScoringModel? shadow = null, ModelAutomation? automation = null)
    {
        Model = model;
        Automation = automation ?? ModelAutomation.Full;
        Failure = failure;
        Message = message;
        Reason = reason;
        Shadow = shadow;
    }

    public IScoringModel? Model { get; }

    /// <summary>Why <see cref="Model"/> answers (one of <see cref="RouteReasons"/>); null when the lookup failed.</summary>
    public string? Reason { get; }

    /// <summary>The challenger that scores a copy of this request off the response path (shadow mode, sampled); usually null.</summary>
    public IScoringModel? Shadow { get; }

    /// <summary>The model's automation level (cached with its deployment state): how the predictions are presented.</summary>
    public ModelAutomation Automation { get; }

    public ModelLookupFailure Failure { get; }

    /// <summary>Why the lookup failed; null when it succeeded.</summary>
    public string? Message { get; }

    [MemberNotNullWhen(true, nameof(Model))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool Succeeded => Failure == ModelLookupFailure.None;

    public static ModelResolution Found(
        IScoringModel model, string reason = RouteReasons.Requested, IScoringModel? shadow = null, ModelAutomation? automation = null) =>
        new(model, ModelLookupFailure.None, null, reason, shadow, automation);

    public static ModelResolution Failed(ModelLookupFailure failure, string message) => new(null, failure, message);
}
