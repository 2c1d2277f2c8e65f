using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Batch;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.Training;
using Serverless.Training.Spec;

namespace Serverless.Batch.Bench;

/// <summary>The services a batch run needs (registry, scoring, batch) on Azurite, configured like the hosts.</summary>
internal static class BenchSetup
{
    public static ServiceProvider Services(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
            .AddFilter("Azure", LogLevel.Warning));
        services.AddModelRegistry(configuration);
        services.AddScoring(configuration);
        services.AddBatchScoring(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Settings for one run; the container prefix keeps runs apart on a shared Azurite.</summary>
    public static Dictionary<string, string?> Settings(string connectionString, string prefix) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["Registry:Container"] = prefix + "-models",
        ["Batch:InputContainer"] = prefix + "-in",
        ["Batch:OutputContainer"] = prefix + "-out",
        ["Batch:ReceiptContainer"] = prefix + "-rcpt",
        ["Batch:JobContainer"] = prefix + "-jobs",
        ["Batch:BatchSize"] = "4096",
    };

    /// <summary>Trains the churn model on bank-churn.csv (100 trees, 31 leaves: the defaults) and makes it champion.</summary>
    public static async Task<TrainingResult> RegisterChurnModelAsync(IServiceProvider services, string csvPath)
    {
        var result = await new ModelTrainer().LoadAndTrainAsync(
            new TrainingSpec { Data = new DataSpec { Path = csvPath }, Label = "churn", Task = TrainingTask.Binary, Ignore = ["customer_id"] }, null, null);
        var registry = services.GetRequiredService<IModelRegistry>();
        var manifest = await registry.RegisterAsync(new ModelRegistration
        {
            Name = "churn", Onnx = result.Onnx, Features = result.Schema, ClassLabels = result.ClassLabels, CreatedBy = "bench",
        });
        await registry.PromoteIfNoChampionAsync(manifest, "bench", TimeProvider.System);
        return result;
    }

    public static async Task<BatchSummary> ScoreAsync(IServiceProvider services, string blobName)
    {
        var outcome = await services.GetRequiredService<BatchScoringHandler>().ScoreAsync(new BatchRequest(blobName), CancellationToken.None);
        return outcome.Summary is { Status: BatchStatus.Completed } summary
            ? summary
            : throw new InvalidOperationException($"{blobName}: {outcome.Kind} {outcome.Summary?.Reason}");
    }

    public static IScoringModel Model(IServiceProvider services) =>
        services.GetRequiredService<IModelProvider>().GetAsync("churn", null).AsTask().GetAwaiter().GetResult();
}
