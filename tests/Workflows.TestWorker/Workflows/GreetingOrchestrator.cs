using System.Text.Json;
using Microsoft.DurableTask;

namespace Serverless.Workflows.TestWorker.Workflows;

/// <summary>Waits for a "greet" event and greets the input's name: a client script's round trip over HTTP.</summary>
public sealed class GreetingOrchestrator : TaskOrchestrator<JsonElement, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, JsonElement input)
    {
        var greeting = await context.WaitForExternalEvent<string>("greet");
        return $"{greeting}, {input.GetProperty("name").GetString()}";
    }
}
