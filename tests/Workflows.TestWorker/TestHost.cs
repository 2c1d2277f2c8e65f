using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.TestWorker.Workflows;

namespace Serverless.Workflows.TestWorker;

/// <summary>A generic host running the test workflows on DTFx, with short leases so tests recover quickly.</summary>
public static class TestHost
{
    public static IHost Build(string connectionString, string taskHub, Action<DurableTaskHostOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddWorkflows(TestWorkflows.Register);
        builder.Services.AddDurableTaskHost(o =>
        {
            o.ConnectionString = connectionString;
            o.TaskHubName = taskHub;
            o.LeaseInterval = TimeSpan.FromSeconds(6);
            o.LeaseRenewInterval = TimeSpan.FromSeconds(2);
            o.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
            o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(8);
            o.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(8);
            configure?.Invoke(o);
        });
        return builder.Build();
    }
}
