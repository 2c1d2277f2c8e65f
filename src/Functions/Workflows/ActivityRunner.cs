using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Functions.Workflows;

/// <summary>Runs an activity class from src/Workflows for an <c>[ActivityTrigger]</c>, created from the invocation's services.</summary>
/// <remarks>The local host creates activities the same way (per execution, from DI), so both hosts run one class alike.</remarks>
internal static class ActivityRunner
{
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext function, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        var activity = ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices);
        var instanceId = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        return activity.RunAsync(new FunctionActivityContext(function.FunctionDefinition.Name, instanceId), input);
    }
}
