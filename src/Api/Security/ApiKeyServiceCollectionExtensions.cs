using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Serverless.Api.Security;

public static class ApiKeyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ApiKeyOptions"/> (section "ApiKey", validated at start) and <see cref="ApiKeyVerifier"/>, which
    /// <see cref="ApiKeyEndpointConventionBuilderExtensions.RequireApiKey{TBuilder}"/> uses. A host that generates the key
    /// when the setting is empty adds an <see cref="IPostConfigureOptions{ApiKeyOptions}"/> (the local host does).
    /// </summary>
    public static IServiceCollection AddApiKeyAuthorization(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>());
        services.TryAddSingleton<ApiKeyVerifier>();
        return services;
    }
}
