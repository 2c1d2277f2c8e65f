using System.Collections.Concurrent;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Scoring;

/// <summary>A failover port that records reports and applies the real refusal to the in-memory state, as DeploymentService does.</summary>
internal sealed class RecordingFailover(InMemoryModelRegistry registry) : IServingFailover
{
    public ConcurrentQueue<(string Model, int Version, string Reason)> Reports { get; } = new();

    public async Task VersionUnservableAsync(string model, int version, string reason, CancellationToken cancellationToken)
    {
        Reports.Enqueue((model, version, reason));
        await registry.UpdateDeploymentAsync(model, s => DeploymentTransitions.Refuse(s!, version, reason, "scoring", DateTimeOffset.UnixEpoch), cancellationToken);
    }
}
