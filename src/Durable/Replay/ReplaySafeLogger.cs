using Microsoft.Extensions.Logging;
using Serverless.Core.Workflows;

namespace Serverless.Durable.Replay;

/// <summary>A logger that drops entries while the orchestrator replays, so each line is written once.</summary>
internal sealed class ReplaySafeLogger(IOrchestrationContext context, ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!context.IsReplaying)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
