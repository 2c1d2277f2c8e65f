using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Serverless.Core.Serialization;

namespace Serverless.Workflows;

/// <summary>The data converter of workflow inputs, outputs, events and custom status, the same in both hosts.</summary>
/// <remarks>
/// The Functions app gets identical JSON by setting the worker's serializer to <see cref="JsonDefaults.Options"/>
/// (the Durable extension converts through it); the local host passes this converter to the DTFx shims and to its
/// <c>DurableTaskClient</c>, so nothing goes through DTFx's default Newtonsoft converter.
/// </remarks>
public static class WorkflowJson
{
    public static DataConverter Converter { get; } = new JsonDataConverter(JsonDefaults.Options);
}
