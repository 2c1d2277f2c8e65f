namespace Serverless.Workflows.TestWorker.Workflows;

public sealed record CounterState(int Remaining, int Done);
