using Microsoft.Extensions.DependencyInjection;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.TestWorker;

// Usage: Serverless.Workflows.TestWorker <connection string> <task hub>
// Runs the test workflows until killed (or until stdin closes), and prints "ready" once the worker polls.
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
