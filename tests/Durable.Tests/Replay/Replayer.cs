using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Workflows;
using Serverless.Durable.History;
using Serverless.Durable.Replay;

namespace Serverless.Durable.Tests.Replay;

/// <summary>Runs one orchestrator function through <see cref="OrchestrationReplayer"/> with a fixed clock.</summary>
internal static class Replayer
{
    public static readonly DateTime Now = HistoryBuilder.Start.AddHours(1);

    public static EpisodeResult Run<T>(
        Func<IOrchestrationContext, Task<T>> orchestrator, IReadOnlyList<HistoryEvent> past, params HistoryEvent[] incoming)
    {
        var registered = new WorkflowRegistry().AddOrchestrator("Test", orchestrator);
        registered.TryGetOrchestrator("Test", out var entry);
        return OrchestrationReplayer.Run(entry, "instance-1", past, incoming, Now, NullLoggerFactory.Instance);
    }

    public static string? Output<T>(T value) => HistoryBuilder.Json(value);
}
