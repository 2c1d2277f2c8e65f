using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.GpuServing.Hosting;

namespace Serverless.GpuServing.Execution;

/// <summary>
/// Fails start-up when the configured execution provider cannot load. Registered before every other hosted service,
/// so the app stops before it listens or loads a model.
/// </summary>
internal sealed class ExecutionProviderProbe(SessionOptionsFactory sessions, ILogger<ExecutionProviderProbe> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            sessions.EnsureAvailable();
        }
        catch (ExecutionProviderUnavailableException e)
        {
            logger.ProviderUnavailable(e.Message);
            throw;
        }

        logger.ProviderReady(sessions.ExecutionProvider);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
