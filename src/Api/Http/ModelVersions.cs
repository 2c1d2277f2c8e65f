using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Serverless.Api.Http;

/// <summary>Parses the <c>{version}</c> route value: a positive integer, else a 400 naming it.</summary>
public static class ModelVersions
{
    public static bool TryParse(string version, out int number, [NotNullWhen(false)] out IResult? error)
    {
        if (int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1)
        {
            error = null;
            return true;
        }

        error = ApiError.Result(StatusCodes.Status400BadRequest, $"Version '{version}' is not a positive integer.");
        return false;
    }
}
