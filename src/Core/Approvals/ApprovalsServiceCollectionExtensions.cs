using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;

namespace Serverless.Core.Approvals;

public static class ApprovalsServiceCollectionExtensions
{
    /// <summary>
    /// Registers approvals: <see cref="ApprovalOptions"/> (section "Approvals", validated at start-up, including that a
    /// signing key is configured, that every model's approval policy can work and that no pre-policy approval key is set), the <see cref="ApprovalSigningKey"/>, the <see cref="ApprovalTokenSigner"/> and the
    /// Table Storage <see cref="ApprovalLedger"/> on <c>AzureWebJobsStorage</c>, the <see cref="ApprovalNotifier"/>, and
    /// <see cref="IEmailSender"/>: SMTP (section "Email") when <c>Email:Host</c> is set, otherwise a logger of the links.
    /// </summary>
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApprovalOptions>>(new ObsoleteApprovalSettingsValidator(configuration)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageConnection.CreateTableServiceClient(configuration));
        services.TryAddSingleton<ApprovalSigningKey>();
        services.TryAddSingleton<ApprovalTokenSigner>();
        services.TryAddSingleton<ApprovalLedger>();
        services.TryAddSingleton<ApprovalNotifier>();

        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IEmailSender>(sp => string.IsNullOrEmpty(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Host)
            ? ActivatorUtilities.CreateInstance<LoggingEmailSender>(sp)
            : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));
        return services;
    }
}
