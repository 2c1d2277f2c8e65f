namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Nested records, an enum, nulls and dates: what must survive the data converter unchanged.</summary>
public sealed record RoundTripPayload(
    string Name, PayloadKind Kind, DateTimeOffset At, double? Missing, IReadOnlyList<RoundTripItem> Items, RoundTripItem? Nested);
