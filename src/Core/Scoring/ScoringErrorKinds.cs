namespace Serverless.Core.Scoring;

/// <summary>Values of the <c>error.type</c> tag and keys of <see cref="Monitoring.WindowAggregate.Errors"/>.</summary>
public static class ScoringErrorKinds
{
    /// <summary>The body or a record was refused (400).</summary>
    public const string InvalidInput = "invalid_input";

    /// <summary>A categorical field named a category the model never saw (400; also counted per feature).</summary>
    public const string UnseenCategory = "unseen_category";

    /// <summary>The model or version does not exist (404).</summary>
    public const string NotFound = "not_found";

    /// <summary>Anything unexpected: a model or storage failure (500).</summary>
    public const string Internal = "internal";
}
