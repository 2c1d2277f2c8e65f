using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Testing;

namespace Serverless.Functions.Tests;

/// <summary>The routes the local host maps, read from its endpoint data source while it runs on Azurite.</summary>
internal static class LocalHostRoutes
{
    /// <summary>
    /// Durable Functions' HTTP management API. Azure provides these routes built in (the Durable extension serves them
    /// under /runtime/webhooks/durabletask); the local host maps its own copy, so no function declares them.
    /// </summary>
    public const string DurableManagementPrefix = "runtime/webhooks/durabletask/";

    /// <summary>Every (method, route template) the local host answers except the durable management routes.</summary>
    public static IReadOnlyList<(string Method, string Route)> Read(AzuriteFixture azurite)
    {
        using var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b => b
            .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
            .UseSetting("Registry:Container", AzuriteFixture.UniqueName("models"))
            .UseSetting("LocalHost:StartAzurite", "false")
            .UseSetting("LocalHost:SeedSampleModel", "false")
            .UseSetting(TestApiKey.Setting, TestApiKey.New()));
        return
        [
            .. from endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
               let route = endpoint.RoutePattern.RawText!.TrimStart('/')
               where !route.StartsWith(DurableManagementPrefix, StringComparison.OrdinalIgnoreCase)
               from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]
               select (method.ToUpperInvariant(), route),
        ];
    }
}
