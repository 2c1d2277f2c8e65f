using Microsoft.AspNetCore.Http;
using Serverless.Core.Models;
using Serverless.Core.Scoring;

namespace Serverless.Core.Http;

/// <summary>Resolves a model for a request and turns resolution failures into <c>{ "error" }</c> results.</summary>
internal static class ModelLookup
{
    /// <summary>
    /// The model, or 404 (unknown model, version or champion), or 500 (the version cannot be served: its
    /// artifact failed SHA-256 verification or it does not load). Failures name the model and version.
    /// </summary>
    public static async Task<(IScoringModel? Model, IResult? Error)> ResolveAsync(
        IModelProvider models, string name, int? version, CancellationToken cancellationToken)
    {
        if (!ModelNames.IsValid(name))
        {
            return (null, ApiError.Result(StatusCodes.Status404NotFound, $"Model '{name}' is not registered (model names are {ModelNames.Rule})."));
        }

        try
        {
            return (await models.GetAsync(name, version, cancellationToken), null);
        }
        catch (ModelNotFoundException e)
        {
            return (null, ApiError.Result(StatusCodes.Status404NotFound, e.Message));
        }
        catch (ArtifactIntegrityException e)
        {
            return (null, ApiError.Result(StatusCodes.Status500InternalServerError, $"{e.Message} This version is refused until its artifact is restored."));
        }
        catch (ModelValidationException e)
        {
            return (null, ApiError.Result(StatusCodes.Status500InternalServerError, $"Model '{name}' cannot be served: {e.Message}"));
        }
    }
}
