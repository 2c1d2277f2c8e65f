using Microsoft.Extensions.DependencyInjection;
using Serverless.Workflows.Hosting;

namespace Serverless.Workflows.TestWorker;

/// <summary>
/// Usage: Serverless.Workflows.TestWorker &lt;connection string&gt; &lt;task hub&gt;. Runs the test workflows until killed
/// (or until stdin closes), and prints "ready" once the worker polls.
/// </summary>
/// <remarks>A named entry point, not top-level statements: test projects reference this and the local host together.</remarks>
internal static class WorkerProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: Serverless.Workflows.TestWorker <connection string> <task hub>");
            return 2;
        }

        using var host = TestHost.Build(args[0], args[1]);
        await host.StartAsync();
        await host.Services.GetRequiredService<TaskHubWorkerService>().Ready;
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        await host.StopAsync();
        return 0;
    }
}
