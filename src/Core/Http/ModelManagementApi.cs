using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Serverless.Core.Http;

/// <summary>Maps the model-management endpoints onto <see cref="ModelManagementHandler"/>.</summary>
public static class ModelManagementApi
{
    public static IEndpointRouteBuilder MapModelManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var models = endpoints.MapGroup("/api/models");
        models.MapGet("", (ModelManagementHandler h, CancellationToken ct) => h.ListModelsAsync(ct));
        models.MapGet("/{name}", (string name, ModelManagementHandler h, CancellationToken ct) => h.GetModelAsync(name, ct));
        models.MapPost("/{name}/versions", (HttpRequest request, string name, ModelManagementHandler h, CancellationToken ct) =>
            h.RegisterAsync(request, name, ct)).DisableAntiforgery();
        models.MapGet("/{name}/versions/{version}", (string name, string version, ModelManagementHandler h, CancellationToken ct) =>
            h.GetVersionAsync(name, version, ct));
        return endpoints;
    }
}
