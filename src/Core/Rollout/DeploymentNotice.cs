using Serverless.Core.Models;

namespace Serverless.Core.Rollout;

/// <summary>Something an operator must hear about: a version refused and its traffic moved, a rollback, an alert acted on.</summary>
/// <param name="Kind">The change's action (<c>refuse</c>, <c>rollback</c>, <c>alert</c>, ...).</param>
/// <param name="State">The deployment state after the change.</param>
public sealed record DeploymentNotice(string Model, string Kind, string Message, DeploymentState State);
