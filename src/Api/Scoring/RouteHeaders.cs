using Microsoft.AspNetCore.Http;
using Serverless.Core.Scoring;

namespace Serverless.Api.Scoring;

/// <summary>The headers that name, on every scoring response, the version that answered and why, and read the routing key.</summary>
internal static class RouteHeaders
{
    public const string Version = "x-model-version";
    public const string Reason = "x-route-reason";

    public static void Write(HttpResponse response, int version, string? reason)
    {
        response.Headers[Version] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (reason is not null)
        {
            response.Headers[Reason] = reason;
        }
    }

    /// <summary>The routing key of an unversioned request: the <c>x-routing-key</c> header, else the model's routing field in the first record.</summary>
    public static string? RoutingKey(HttpRequest request, IModelProvider models, string name, ReadOnlySpan<byte> body)
    {
        var header = request.Headers[RoutingKeys.Header];
        if (header.Count == 1 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        return models.RoutingKeyField(name) is { } field && !body.IsEmpty ? RoutingKeys.FromFirstRecord(body, field) : null;
    }
}
