using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

/// <summary>The version chosen for one unversioned request, why, and the version that shadows it (if this request is sampled).</summary>
/// <param name="Reason">One of <see cref="RouteReasons"/>.</param>
/// <param name="Shadow">A challenger to score a copy of the request off the response path; null when not sampled.</param>
/// <param name="Automation">The model's automation level from the same cached deployment state; null means full.</param>
public readonly record struct RoutedModel(IScoringModel Model, string Reason, IScoringModel? Shadow = null, ModelAutomation? Automation = null);
