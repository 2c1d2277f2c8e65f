using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Workflows.Validation;

/// <summary>Registration of the validation activity, the same in both hosts.</summary>
public static class ValidationWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ValidateCandidateActivity"/> and <see cref="ScoreChampionOnHoldoutActivity"/> to the catalog. Needs
    /// AddValidation (AddServingApi does it) and the training limits (AddTrainingWorkflow).
    /// </summary>
    public static IServiceCollection AddValidationWorkflow(this IServiceCollection services) =>
        services.AddWorkflows(catalog => catalog.AddActivity<ValidateCandidateActivity>().AddActivity<ScoreChampionOnHoldoutActivity>());
}
