using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Workflows;
using Serverless.Durable;
using Serverless.Durable.TestWorker;

// Usage: Serverless.Durable.TestWorker <connection string> <task hub>
// Runs an engine with short leases until killed (or until stdin closes), and prints "ready" once polling.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Serverless.Durable.TestWorker <connection string> <task hub>");
    return 2;
}

var options = TestEngineOptions.Create(args[0], args[1]);
await using var services = new ServiceCollection().BuildServiceProvider();
await using var engine = new DurableEngine(options, TestWorkflows.Register(new WorkflowRegistry()), services, NullLoggerFactory.Instance);
await engine.StartAsync(CancellationToken.None);
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
await engine.StopAsync(CancellationToken.None);
return 0;
