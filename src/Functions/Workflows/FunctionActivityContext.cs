using Microsoft.DurableTask;

namespace Serverless.Functions.Workflows;

/// <summary>The <see cref="TaskActivityContext"/> our activity classes get when Durable Functions runs them.</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
