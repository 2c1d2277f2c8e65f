using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Validation;
using Serverless.Workflows.Validation;

namespace Serverless.Functions.Workflows;

/// <summary>The validation activity, bound to the class in src/Workflows.</summary>
public static class ValidationWorkflowFunctions
{
    [Function(nameof(ValidateCandidateActivity))]
    public static Task<ValidationReport> Validate([ActivityTrigger] ValidationRequest input, FunctionContext function) =>
        ActivityRunner.RunAsync<ValidateCandidateActivity, ValidationRequest, ValidationReport>(function, input);
}
