using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Serverless.Core.Validation;

public static class ValidationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the validation gates: <see cref="ValidationOptions"/> (section "Validation", validated at start-up), the
    /// <see cref="ValidationReportStore"/> and the <see cref="CandidateValidator"/>. Needs the registry and scoring
    /// (AddModelRegistry, AddScoring).
    /// </summary>
    public static IServiceCollection AddValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ValidationOptions>().Bind(configuration.GetSection(ValidationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ValidationReportStore>();
        services.TryAddSingleton<CandidateValidator>();
        return services;
    }
}
