namespace Serverless.Workflows.TestWorker.Workflows;

public enum PayloadKind
{
    Canary,
    BlueGreen,
}
