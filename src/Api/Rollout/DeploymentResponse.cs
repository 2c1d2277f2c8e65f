using Serverless.Core.Models;

namespace Serverless.Api.Rollout;

/// <summary>A control-plane answer: the state after the call, and whether it changed anything.</summary>
public sealed record DeploymentResponse(string Model, bool Changed, DeploymentState State);
