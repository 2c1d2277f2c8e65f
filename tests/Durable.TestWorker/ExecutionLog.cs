namespace Serverless.Durable.TestWorker;

/// <summary>
/// An append-only file of activity executions, one line each, shared by the test and the engine processes it
/// starts and kills; it is how tests count how often each step ran.
/// </summary>
public static class ExecutionLog
{
    private static readonly Lock Gate = new();

    public static void Append(string path, string line)
    {
        lock (Gate)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    public static int Count(string path, string line)
    {
        lock (Gate)
        {
            return File.Exists(path) ? File.ReadAllLines(path).Count(l => l == line) : 0;
        }
    }
}
