using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Testing;
using Serverless.Workflows;

namespace Serverless.Functions.Tests;

/// <summary>The orchestrators and activities the local host registers with its engine, read from its catalog.</summary>
internal static class LocalHostWorkflows
{
    public static WorkflowCatalog Read(AzuriteFixture azurite)
    {
        using var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b => b
            .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
            .UseSetting("Registry:Container", AzuriteFixture.UniqueName("models"))
            .UseSetting("LocalHost:StartAzurite", "false")
            .UseSetting("LocalHost:SeedSampleModel", "false")
            .UseSetting(TestApiKey.Setting, TestApiKey.New()));
        return factory.Services.GetRequiredService<IOptions<WorkflowCatalog>>().Value;
    }
}
