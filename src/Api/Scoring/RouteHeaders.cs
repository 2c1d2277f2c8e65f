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

    /// <summary>The routing key of an unversioned request from the <c>x-routing-key</c> header, or null.</summary>
    public static string? RoutingKey(HttpRequest request)
    {
        var header = request.Headers[RoutingKeys.Header];
        return header.Count == 1 && !string.IsNullOrEmpty(header[0]) ? header[0] : null;
    }

    /// <summary>The routing key of an unversioned record request: the header, else the model's routing field in the first record.</summary>
    public static async ValueTask<string?> RoutingKeyAsync(HttpRequest request, IModelProvider models, string name, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        RoutingKey(request) ?? (await models.RoutingKeyFieldAsync(name, cancellationToken) is { } field && !body.IsEmpty
            ? RoutingKeys.FromFirstRecord(body.Span, field)
            : null);
}
