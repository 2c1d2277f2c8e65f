using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.Api.Http;
using Serverless.Api.Models;
using Serverless.Api.Security;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the model-management endpoints onto <see cref="ModelManagementHandler"/>.</summary>
internal static class ModelManagementApi
{
    public static IEndpointRouteBuilder MapModelManagementApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Routes.Models, (ModelManagementHandler h, CancellationToken ct) => h.ListModelsAsync(ct));
        endpoints.MapGet(Routes.Model, (string name, ModelManagementHandler h, CancellationToken ct) => h.GetModelAsync(name, ct));
        endpoints.MapPost(Routes.ModelVersions, (HttpRequest request, string name, ModelManagementHandler h, CancellationToken ct) =>
            h.RegisterAsync(request, name, ct)).DisableAntiforgery().RequireApiKey();
        endpoints.MapGet(Routes.ModelVersion, (string name, string version, ModelManagementHandler h, CancellationToken ct) =>
            h.GetVersionAsync(name, version, ct));
        return endpoints;
    }
}
