using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Rollout;
using Serverless.Core.Serialization;

namespace Serverless.Api.Models;

/// <summary>
/// Register, list and describe models. Shared by the local host and the Functions app: each endpoint
/// binds its route and calls one method here.
/// </summary>
public sealed class ModelManagementHandler(IModelRegistry registry, DeploymentService deployments, IOptions<RegistryOptions> options)
{
    /// <summary>
    /// <c>POST /api/models/{name}/versions</c>: <c>multipart/form-data</c> with a <c>model</c> file part (ONNX) and an
    /// optional <c>manifest</c> part (<see cref="RegistrationRequest"/> JSON), or a raw <c>application/octet-stream</c>
    /// ONNX body. Answers 201 with the manifest; the model's first version becomes its champion.
    /// </summary>
    public async Task<IResult> RegisterAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return ApiError.Result(400, $"Model name '{name}' is invalid: {ModelNames.Rule}.");
        }

        var limit = options.Value.MaxModelBytes;
        if (request.ContentLength > limit + 1024 * 1024)
        {
            return ApiError.Result(413, $"The request body exceeds the {limit} byte model limit.");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1024 * 1024;
        }

        RegistrationUpload upload;
        try
        {
            upload = await RegistrationUpload.ReadAsync(request, limit, cancellationToken);
        }
        catch (RegistrationUploadException e)
        {
            return ApiError.Result(e.StatusCode, e.Message);
        }

        var manifestPart = upload.Manifest ?? new RegistrationRequest();
        try
        {
            var by = manifestPart.CreatedBy ?? request.Headers["x-ms-client-principal-name"].FirstOrDefault() ?? "anonymous";
            var manifest = await deployments.RegisterAsync(
                new ModelRegistration
                {
                    Name = name,
                    Onnx = upload.Onnx,
                    Task = manifestPart.Task,
                    Features = manifestPart.Features,
                    Serving = manifestPart.Serving,
                    ClassLabels = manifestPart.ClassLabels,
                    Metrics = manifestPart.Metrics,
                    Lineage = manifestPart.Lineage,
                    Statistics = manifestPart.Statistics,
                    ScoreHistogram = manifestPart.ScoreHistogram,
                    CreatedBy = by,
                },
                cancellationToken);
            return new CreatedAt(
                TypedResults.Json(manifest, JsonDefaults.Options, statusCode: 201), $"/api/models/{name}/versions/{manifest.Version}");
        }
        catch (ModelValidationException e)
        {
            return ApiError.Result(400, e.Message);
        }
    }

    /// <summary><c>GET /api/models</c>: every model with its champion and latest version.</summary>
    public async Task<IResult> ListModelsAsync(CancellationToken cancellationToken)
    {
        var names = await registry.ListModelsAsync(cancellationToken);
        var models = await Task.WhenAll(names.Select(async n =>
        {
            var versions = await registry.ListVersionsAsync(n, cancellationToken);
            var deployment = await registry.GetDeploymentAsync(n, cancellationToken);
            return new ModelSummary(n, deployment?.Champion, versions.Count == 0 ? null : versions[^1].Version, versions.Count);
        }));
        return TypedResults.Json(new { models }, JsonDefaults.Options);
    }

    /// <summary><c>GET /api/models/{name}</c>: deployment state and every version's manifest.</summary>
    public async Task<IResult> GetModelAsync(string name, CancellationToken cancellationToken)
    {
        var versions = await registry.ListVersionsAsync(name, cancellationToken);
        if (versions.Count == 0)
        {
            return ApiError.Result(404, $"Model '{name}' is not registered.");
        }

        var deployment = await registry.GetDeploymentAsync(name, cancellationToken);
        return TypedResults.Json(new { name, deployment, versions }, JsonDefaults.Options);
    }

    /// <summary><c>GET /api/models/{name}/versions/{version}</c>: one manifest.</summary>
    public async Task<IResult> GetVersionAsync(string name, string version, CancellationToken cancellationToken)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return ApiError.Result(400, $"Version '{version}' is not a positive integer.");
        }

        var manifest = await registry.GetManifestAsync(name, number, cancellationToken);
        return manifest is null
            ? ApiError.Result(404, $"Model '{name}' has no version {number}.")
            : TypedResults.Json(manifest, JsonDefaults.Options);
    }

    private sealed record ModelSummary(string Name, int? Champion, int? LatestVersion, int Versions);

    /// <summary>A JSON result with a Location header.</summary>
    private sealed class CreatedAt(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
