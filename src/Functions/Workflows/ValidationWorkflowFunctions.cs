using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Validation;
using Serverless.Workflows.Validation;

namespace Serverless.Functions.Workflows;

/// <summary>The validation activities, bound to the classes in src/Workflows.</summary>
public static class ValidationWorkflowFunctions
{
    [Function(nameof(ValidateCandidateActivity))]
    public static Task<ValidationReport> Validate([ActivityTrigger] ValidationRequest input, FunctionContext function) =>
        ActivityRunner.RunAsync<ValidateCandidateActivity, ValidationRequest, ValidationReport>(function, input);

    [Function(nameof(ScoreChampionOnHoldoutActivity))]
    public static Task<ChampionOnHoldout> ScoreChampion([ActivityTrigger] ChampionHoldoutInput input, FunctionContext function) =>
        ActivityRunner.RunAsync<ScoreChampionOnHoldoutActivity, ChampionHoldoutInput, ChampionOnHoldout>(function, input);
}
