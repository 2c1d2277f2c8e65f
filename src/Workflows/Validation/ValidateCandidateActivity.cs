using Microsoft.DurableTask;
using Serverless.Core.Validation;

namespace Serverless.Workflows.Validation;

/// <summary>Runs the validation gates on a registered candidate and stores the report with it (<see cref="CandidateValidator"/>).</summary>
/// <remarks>At least once: a rerun measures again and replaces the stored report. Returns the report; the caller decides.</remarks>
public sealed class ValidateCandidateActivity(CandidateValidator validator) : TaskActivity<ValidationRequest, ValidationReport>
{
    public override Task<ValidationReport> RunAsync(TaskActivityContext context, ValidationRequest input) => validator.ValidateAsync(input);
}
