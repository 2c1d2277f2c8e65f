namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>An append-only file of executed steps, shared by test and worker processes (one line per execution).</summary>
public static class ExecutionLog
{
    private static readonly Lock Gate = new();

    public static void Append(string path, string entry)
    {
        lock (Gate)
        {
            // Appends of one short line are atomic on Linux, so concurrent processes never interleave within a line.
            File.AppendAllText(path, entry + Environment.NewLine);
        }
    }

    public static IReadOnlyList<string> Read(string path)
    {
        lock (Gate)
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
    }

    public static int Count(string path, string entry) => Read(path).Count(line => line == entry);
}
