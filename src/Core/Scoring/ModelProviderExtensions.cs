using Serverless.Core.Models;

namespace Serverless.Core.Scoring;

public static class ModelProviderExtensions
{
    /// <summary>
    /// Resolves a model for a request without throwing for the failures a caller can cause or an operator must fix:
    /// an invalid or unknown name or version (<see cref="ModelLookupFailure.NotFound"/>), an artifact that failed
    /// SHA-256 verification or a version that does not load (<see cref="ModelLookupFailure.Unservable"/>).
    /// Without a version the deployment routes the request (<see cref="IModelProvider.RouteAsync"/>), sticky by
    /// <paramref name="routingKey"/> when given.
    /// </summary>
    public static async ValueTask<ModelResolution> ResolveAsync(
        this IModelProvider models, string name, int? version, CancellationToken cancellationToken, string? routingKey = null)
    {
        if (!ModelNames.IsValid(name))
        {
            return ModelResolution.Failed(ModelLookupFailure.NotFound, $"Model '{name}' is not registered (model names are {ModelNames.Rule}).");
        }

        try
        {
            if (version is null)
            {
                var routed = await models.RouteAsync(name, routingKey, cancellationToken);
                return ModelResolution.Found(routed.Model, routed.Reason, routed.Shadow, routed.Automation);
            }

            var pinned = await models.GetAsync(name, version, cancellationToken);
            return ModelResolution.Found(pinned, automation: await models.AutomationAsync(name, cancellationToken));
        }
        catch (ModelNotFoundException e)
        {
            return ModelResolution.Failed(ModelLookupFailure.NotFound, e.Message);
        }
        catch (ArtifactIntegrityException e)
        {
            return ModelResolution.Failed(ModelLookupFailure.Unservable, $"{e.Message} This version is refused until its artifact is restored.");
        }
        catch (ModelValidationException e)
        {
            return ModelResolution.Failed(ModelLookupFailure.Unservable, $"Model '{name}' cannot be served: {e.Message}");
        }
    }
}
