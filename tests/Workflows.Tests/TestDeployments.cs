using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Testing;

namespace Serverless.Workflows.Tests;

/// <summary>A real <see cref="DeploymentService"/> over a registry, with its audit table on Azurite.</summary>
internal static class TestDeployments
{
    public static (DeploymentService Service, DeploymentAuditLog Audit) Create(AzuriteFixture azurite, IModelRegistry registry)
    {
        var audit = new DeploymentAuditLog(new TableServiceClient(azurite.ConnectionString),
            Options.Create(new RolloutOptions { AuditTable = "audit" + Guid.NewGuid().ToString("N")[..12] }));
        var service = new DeploymentService(registry, audit, new LoggingDeploymentNotifier(NullLogger<LoggingDeploymentNotifier>.Instance),
            TimeProvider.System, NullLogger<DeploymentService>.Instance);
        return (service, audit);
    }
}
