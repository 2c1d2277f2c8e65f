using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Core.Scoring;
using Serverless.Core.Storage;

namespace Serverless.Core.Rollout;

public static class RolloutServiceCollectionExtensions
{
    /// <summary>
    /// Registers the deployment control plane: <see cref="RolloutOptions"/> (section "Rollout", plans and health thresholds validated at start), the
    /// Table Storage <see cref="DeploymentAuditLog"/>, <see cref="DeploymentService"/> (also scoring's
    /// <see cref="IServingFailover"/>) and the <see cref="LoggingDeploymentNotifier"/> unless another
    /// <see cref="IDeploymentNotifier"/> is registered first, and the alert webhook's <see cref="AlertService"/> with its <see cref="AlertLedger"/>. Needs the model registry.
    /// </summary>
    public static IServiceCollection AddRollout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RolloutOptions>().Bind(configuration.GetSection(RolloutOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RolloutOptions>, RolloutOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageConnection.CreateTableServiceClient(configuration));
        services.TryAddSingleton<DeploymentAuditLog>();
        services.TryAddSingleton<IDeploymentNotifier, LoggingDeploymentNotifier>();
        services.TryAddSingleton<DeploymentService>();
        services.TryAddSingleton<IServingFailover>(sp => sp.GetRequiredService<DeploymentService>());
        services.TryAddSingleton<AlertLedger>();
        services.TryAddSingleton<AlertService>();
        return services;
    }
}
