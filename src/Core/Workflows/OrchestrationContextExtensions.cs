using Microsoft.Extensions.Logging;

namespace Serverless.Core.Workflows;

/// <summary>Conveniences over <see cref="IOrchestrationContext"/> that Durable Task also offers.</summary>
public static class OrchestrationContextExtensions
{
    /// <summary>A replay-safe logger with the category of <typeparamref name="T"/>.</summary>
    public static ILogger CreateReplaySafeLogger<T>(this IOrchestrationContext context) =>
        context.CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
