using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Api.Http;
using Serverless.Api.Models;

namespace Serverless.Functions.Http;

/// <summary>Binds the model-management routes to <see cref="ModelManagementHandler"/> (same handler as the local host).</summary>
public sealed class ModelManagementFunctions(ModelManagementHandler handler)
{
    [Function("ListModels")]
    public Task<IResult> ListModels(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Models)] HttpRequest request, CancellationToken cancellationToken) =>
        handler.ListModelsAsync(cancellationToken);

    [Function("GetModel")]
    public Task<IResult> GetModel(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Model)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.GetModelAsync(name, cancellationToken);

    [Function("RegisterModelVersion")]
    public Task<IResult> Register(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ModelVersions)] HttpRequest request, string name, CancellationToken cancellationToken) =>
        handler.RegisterAsync(request, name, cancellationToken);

    [Function("GetModelVersion")]
    public Task<IResult> GetVersion(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.ModelVersion)] HttpRequest request, string name, string version, CancellationToken cancellationToken) =>
        handler.GetVersionAsync(name, version, cancellationToken);
}
