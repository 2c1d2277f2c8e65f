using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Api.Http;
using Serverless.Api.Scoring;

namespace Serverless.Functions.Http;

/// <summary>Binds record scoring to <see cref="ScoringHandler"/> (same handler as the local host).</summary>
public sealed class ScoringFunctions(ScoringHandler handler)
{
    [Function("Predict")]
    public Task<IResult> Predict(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Predict)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.PredictAsync(request, name, null, cancellationToken);

    [Function("PredictVersion")]
    public Task<IResult> PredictVersion(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.PredictVersion)] HttpRequest request, string name, string version, CancellationToken cancellationToken) =>
        ModelVersions.TryParse(version, out var number, out var error) ? handler.PredictAsync(request, name, number, cancellationToken) : Task.FromResult(error);
}
