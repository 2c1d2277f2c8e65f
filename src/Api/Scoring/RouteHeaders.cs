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
    /// <remarks>Synchronous (no state machine) once the model's route is cached, which is every request but a model's first.</remarks>
    public static ValueTask<string?> RoutingKeyAsync(
        HttpRequest request, IModelProvider models, string name, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (RoutingKey(request) is { } header)
        {
            return new ValueTask<string?>(header);
        }

        var field = models.RoutingKeyFieldAsync(name, cancellationToken);
        return field.IsCompletedSuccessfully ? new ValueTask<string?>(FromBody(field.Result, body)) : AwaitAsync(field, body);
    }

    private static async ValueTask<string?> AwaitAsync(ValueTask<string?> field, ReadOnlyMemory<byte> body) => FromBody(await field, body);

    private static string? FromBody(string? field, ReadOnlyMemory<byte> body) =>
        field is not null && !body.IsEmpty ? RoutingKeys.FromFirstRecord(body.Span, field) : null;
}
