namespace Serverless.Core.Models;

/// <summary>One change of a model's deployment state: who, when, what, from -> to, why (also in the audit table).</summary>
/// <param name="Action">What happened: <c>promote</c>, <c>rollback</c>, <c>traffic</c>, <c>refuse</c>, <c>register</c>, <c>alert</c>.</param>
/// <param name="From">The routing before, as <see cref="DeploymentState.Describe"/> writes it.</param>
/// <param name="To">The routing after.</param>
public sealed record DeploymentChange(DateTimeOffset At, string By, string Action, string From, string To, string Why);
