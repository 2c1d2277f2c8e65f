using System.Diagnostics.CodeAnalysis;

namespace Serverless.Core.Scoring;

/// <summary>The outcome of resolving a model for a request: the model, or why not with a message naming the model and version.</summary>
public sealed record ModelResolution
{
    private ModelResolution(IScoringModel? model, ModelLookupFailure failure, string? message)
    {
        Model = model;
        Failure = failure;
        Message = message;
    }

    public IScoringModel? Model { get; }

    public ModelLookupFailure Failure { get; }

    /// <summary>Why the lookup failed; null when it succeeded.</summary>
    public string? Message { get; }

    [MemberNotNullWhen(true, nameof(Model))]
    [MemberNotNullWhen(false, nameof(Message))]
    public bool Succeeded => Failure == ModelLookupFailure.None;

    public static ModelResolution Found(IScoringModel model) => new(model, ModelLookupFailure.None, null);

    public static ModelResolution Failed(ModelLookupFailure failure, string message) => new(null, failure, message);
}
