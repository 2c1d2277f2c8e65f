using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Core.Storage;

namespace Serverless.Core.Models;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IModelRegistry"/> on the storage account named by <c>AzureWebJobsStorage</c>.</summary>
    public static IServiceCollection AddModelRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistryOptions>().Bind(configuration.GetSection(RegistryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageConnection.CreateBlobServiceClient(configuration));
        services.TryAddSingleton<IModelRegistry, BlobModelRegistry>();
        return services;
    }
}
