using Microsoft.AspNetCore.Http;
using Serverless.Api.Http;
using Serverless.Core.Models;
using Serverless.Core.Scoring;
using Serverless.GpuServing.Models;

namespace Serverless.GpuServing.Http;

internal sealed partial class GpuInferenceHandler
{
    /// <summary>
    /// The model, or the function app's answers for the same failures: 404 (unknown model, version or champion),
    /// 500 (artifact failed SHA-256 verification, or the version does not load or warm up).
    /// </summary>
    private async Task<(ServedModel? Model, IResult? Error)> ResolveAsync(string name, int? version, CancellationToken cancellationToken)
    {
        try
        {
            return (await catalog.GetAsync(name, version, cancellationToken), null);
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
