using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;

namespace Serverless.Workflows.Hosting;

/// <summary>
/// The task hub of this process: one DTFx Azure Storage backend shared by the worker and the client, created in
/// storage (tables, queues, lease containers) once, before either uses it.
/// </summary>
/// <remarks>Thread-safe. A failed creation (storage not up yet) is retried by the next caller.</remarks>
public sealed class LocalTaskHub
{
    private readonly InitializeOnce _created;

    public LocalTaskHub(IOptions<DurableTaskHostOptions> options, ILoggerFactory loggerFactory)
    {
        Options = options.Value;
        Service = OrchestrationServiceFactory.Create(Options, loggerFactory);
        _created = new InitializeOnce(() => Service.CreateIfNotExistsAsync());
    }

    public DurableTaskHostOptions Options { get; }

    /// <summary>The backend: DTFx's <c>IOrchestrationService</c>, <c>IOrchestrationServiceClient</c>, query and purge clients.</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>Creates the task hub's storage if it does not exist yet; completes at once afterwards.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => _created.EnsureAsync(cancellationToken);
}
