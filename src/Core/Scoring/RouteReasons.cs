namespace Serverless.Core.Scoring;

/// <summary>Why a version answered a request: sent back with every prediction (<c>reason</c>, <c>x-route-reason</c>).</summary>
public static class RouteReasons
{
    public const string Champion = "champion";
    public const string Canary = "canary";
    public const string Blue = "blue";
    public const string Green = "green";
    public const string VariantA = "ab:A";
    public const string VariantB = "ab:B";

    /// <summary>The champion failed to load or verify; its last known good version answers instead.</summary>
    public const string LastKnownGood = "last-known-good";

    /// <summary>The request named the version.</summary>
    public const string Requested = "requested";

    /// <summary>The A/B variant a reason names (<c>A</c> or <c>B</c>), for the prediction log; null outside an experiment.</summary>
    public static string? Variant(string? reason) => reason switch
    {
        VariantA => "A",
        VariantB => "B",
        _ => null,
    };

    /// <summary>The observer's view of a routed call: request id, reason and A/B variant.</summary>
    public static ScoringCall Call(string? requestId, string? reason) => new(requestId, reason, Variant(reason));
}
