using Microsoft.Extensions.Options;

namespace Serverless.Core.Approvals;

/// <summary>Refuses <see cref="ApprovalOptions"/> that give no usable signing key, saying why (runs at start-up).</summary>
public sealed class ApprovalOptionsValidator : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options) =>
        ApprovalSigningKey.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
