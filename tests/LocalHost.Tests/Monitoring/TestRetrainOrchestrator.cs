using Microsoft.DurableTask;
using Serverless.Core.Monitoring.DriftMonitoring;

namespace Serverless.LocalHost.Tests.Monitoring;

/// <summary>Stands in for the retrain workflow in drift tests: answers what it was started with.</summary>
internal sealed class TestRetrainOrchestrator : TaskOrchestrator<RetrainRequest, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, RetrainRequest input) =>
        Task.FromResult($"{input.Model}:{input.Reason}:{input.Version}");
}
