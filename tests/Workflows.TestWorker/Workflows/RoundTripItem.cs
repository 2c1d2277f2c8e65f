namespace Serverless.Workflows.TestWorker.Workflows;

public sealed record RoundTripItem(int Id, string? Label, DateTime When);
