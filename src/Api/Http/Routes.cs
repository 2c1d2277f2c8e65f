namespace Serverless.Api.Http;

/// <summary>
/// Every HTTP route, once: the local host maps these and the Functions trigger attributes use the same constants
/// (host.json sets an empty route prefix), so the two hosts cannot drift apart.
/// </summary>
public static class Routes
{
    public const string Models = "api/models";
    public const string Model = "api/models/{name}";
    public const string ModelVersions = "api/models/{name}/versions";
    public const string ModelVersion = "api/models/{name}/versions/{version}";
    public const string Predict = "api/models/{name}/predict";
    public const string PredictVersion = "api/models/{name}/versions/{version}/predict";
    public const string ModelStats = "api/models/{name}/stats";
    public const string ModelTrain = "api/models/{name}/train";
    public const string ModelRollouts = "api/models/{name}/rollouts";
    public const string Workflow = "api/workflows/{id}";
    public const string WorkflowEvent = "api/workflows/{id}/events/{eventName}";
    public const string ModelRetrain = "api/models/{name}/retrain";
    public const string ModelFeedback = "api/models/{name}/feedback";
    public const string ModelAccuracy = "api/models/{name}/accuracy";
    public const string ModelDrift = "api/models/{name}/drift";
    public const string ModelAutomation = "api/models/{name}/automation";
    public const string ModelReview = "api/models/{name}/review";
    public const string ModelReviewItem = "api/models/{name}/review/{requestId}";
    public const string Promote = "api/models/{name}/promote";
    public const string Rollback = "api/models/{name}/rollback";
    public const string Traffic = "api/models/{name}/traffic";
    public const string History = "api/models/{name}/history";
    public const string Alerts = "api/alerts";
    public const string BatchSubmit = "api/models/{name}/batch";
    public const string BatchJob = "api/batch/jobs/{id}";
    public const string Capacity = "api/capacity";
    /// <summary>Approval links (GET confirms, POST decides); the token is their authorization.</summary>
    public const string Approval = Core.Approvals.ApprovalLinks.RouteTemplate;

    public const string OipServer = "v2";
    public const string OipLive = "v2/health/live";
    public const string OipReady = "v2/health/ready";
    public const string OipModel = "v2/models/{name}";
    public const string OipModelVersion = "v2/models/{name}/versions/{version}";
    public const string OipModelReady = "v2/models/{name}/ready";
    public const string OipModelVersionReady = "v2/models/{name}/versions/{version}/ready";
    public const string OipInfer = "v2/models/{name}/infer";
    public const string OipInferVersion = "v2/models/{name}/versions/{version}/infer";

    /// <summary>
    /// The POST routes that only compute an answer and change no state: anonymous unless <c>ApiKey:RequireForScoring</c>.
    /// Every other route that is not a GET changes state and requires a key (tests check both hosts against this).
    /// </summary>
    public static readonly IReadOnlySet<string> Scoring = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Predict, PredictVersion, OipInfer, OipInferVersion,
    };

    /// <summary>
    /// The state-changing routes authorized by a signed, expiring token in their path instead of the API key (approval
    /// links in mail: a key in a mailed link would authorize every other route too). Anonymous in both hosts.
    /// </summary>
    public static readonly IReadOnlySet<string> TokenAuthorized = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Approval,
    };
}
