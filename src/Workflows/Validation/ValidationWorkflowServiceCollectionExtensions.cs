using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Workflows.Validation;

/// <summary>Registration of the validation activity, the same in both hosts.</summary>
public static class ValidationWorkflowServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ValidateCandidateActivity"/> to the catalog. Needs AddValidation (AddServingApi does it).</summary>
    public static IServiceCollection AddValidationWorkflow(this IServiceCollection services) =>
        services.AddWorkflows(catalog => catalog.AddActivity<ValidateCandidateActivity>());
}
