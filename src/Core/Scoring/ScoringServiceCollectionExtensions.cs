using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Scoring;

public static class ScoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers scoring: <see cref="ScoringOptions"/> (section "Scoring", validated at start-up), the
    /// <see cref="ModelProvider"/> (also as <see cref="IModelProvider"/>) with its background
    /// <see cref="DeploymentRefreshService"/>, <see cref="RecordScorer"/> and the <see cref="ShadowScorer"/> (a hosted queue). Needs an <see cref="Models.IModelRegistry"/> (AddModelRegistry).
    /// </summary>
    public static IServiceCollection AddScoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelProvider>();
        services.TryAddSingleton<IModelProvider>(sp => sp.GetRequiredService<ModelProvider>());
        services.AddHostedService<DeploymentRefreshService>();
        services.TryAddSingleton<IScoringObserver>(NullScoringObserver.Instance);
        services.TryAddSingleton<RecordScorer>();
        services.TryAddSingleton<ShadowScorer>();
        services.AddHostedService(sp => sp.GetRequiredService<ShadowScorer>());
        return services;
    }
}
