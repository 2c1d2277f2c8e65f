using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Core.Storage;

namespace Serverless.Core.Batch;

public static class BatchServiceCollectionExtensions
{
    /// <summary>
    /// Registers batch scoring (<see cref="BatchScoringHandler"/>, <see cref="BatchJobService"/>) with
    /// <see cref="BatchOptions"/> from the <c>Batch</c> section, on the account named by <c>AzureWebJobsStorage</c>.
    /// Needs an <see cref="Scoring.IModelProvider"/> (AddScoring) and an <see cref="Models.IModelRegistry"/> (AddModelRegistry).
    /// </summary>
    public static IServiceCollection AddBatchScoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BatchOptions>().Bind(configuration.GetSection(BatchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageConnection.CreateBlobServiceClient(configuration));
        services.TryAddSingleton<BatchStorage>();
        services.TryAddSingleton<BatchReceiptStore>();
        services.TryAddSingleton<BatchScoringHandler>();
        services.TryAddSingleton<BatchJobService>();
        return services;
    }
}
