using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Serverless.Api.Http;

namespace Serverless.Api.Gpu;

/// <summary>
/// Sends an inference request, body unchanged, to the same route on the GPU app and answers with its response
/// (status, body, <c>Retry-After</c>), adding <c>x-served-by: gpu</c>.
/// </summary>
/// <remarks>
/// The client (<see cref="ClientName"/>) runs through a resilience pipeline: a total timeout, retries on 503, refused
/// connections and attempt timeouts, a circuit breaker, and a per-attempt timeout. When the GPU app cannot be reached
/// the caller gets 503 <c>{ "error" }</c> with <c>Retry-After</c>; once the circuit is open it gets that answer at
/// once, without a call, until the break ends. Scoring is read-only, so a retried request changes nothing.
/// Thread-safe singleton.
/// </remarks>
public sealed partial class GpuForwarder(IHttpClientFactory clients, IOptions<GpuForwardingOptions> options, ILogger<GpuForwarder> logger)
{
    public const string ClientName = "gpu-serving";
    public const string ServedByHeader = "x-served-by";

    /// <summary>Carries <see cref="GpuForwardingOptions.Key"/> to the GPU app, which refuses requests without it.</summary>
    public const string KeyHeader = "x-gpu-key";

    private static readonly string[] ForwardedHeaders = ["x-request-id", Core.Scoring.RoutingKeys.Header];

    /// <summary>Forwards <paramref name="body"/> (already bounded and read) to <paramref name="request"/>'s path on the GPU app.</summary>
    public async Task<IResult> ForwardAsync(HttpRequest request, byte[] body, string model, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers[ServedByHeader] = "gpu";
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Path.Value!.TrimStart('/') + request.QueryString) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
        if (options.Value.Key.Length > 0)
        {
            message.Headers.TryAddWithoutValidation(KeyHeader, options.Value.Key);
        }

        foreach (var header in ForwardedHeaders)
        {
            // The caller's request id and routing key mean the same on the GPU app (echoed id, sticky version).
            if (request.Headers.TryGetValue(header, out var value) && value.Count == 1)
            {
                message.Headers.TryAddWithoutValidation(header, value[0]);
            }
        }

        try
        {
            using var forwarded = await clients.CreateClient(ClientName).SendAsync(message, cancellationToken);
            var bytes = await forwarded.Content.ReadAsByteArrayAsync(cancellationToken);
            if (forwarded.Headers.RetryAfter is { } retryAfter)
            {
                response.Headers.RetryAfter = retryAfter.ToString();
            }

            return new ForwardedResponse((int)forwarded.StatusCode, forwarded.Content.Headers.ContentType?.ToString() ?? "application/json", bytes);
        }
        catch (BrokenCircuitException)
        {
            var wait = options.Value.BreakDuration;
            Log.CircuitOpen(logger, model);
            return Unavailable(response, wait,
                $"Model '{model}' is served by the GPU app, which failed repeatedly; calls to it are paused for {Seconds(wait)} s. Retry later.");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            Log.Unreachable(logger, model, e);
            return Unavailable(response, TimeSpan.FromSeconds(1),
                $"Model '{model}' is served by the GPU app, which did not answer ({e.GetType().Name}: {e.Message}). Retry later.");
        }
    }

    private static IResult Unavailable(HttpResponse response, TimeSpan wait, string message)
    {
        response.Headers.RetryAfter = Seconds(wait);
        return ApiError.Result(StatusCodes.Status503ServiceUnavailable, message);
    }

    private static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Model {Model}: the circuit to the GPU app is open; answering 503 without a call.")]
        public static partial void CircuitOpen(ILogger logger, string model);

        [LoggerMessage(2, LogLevel.Error, "Model {Model}: the GPU app did not answer after retries.")]
        public static partial void Unreachable(ILogger logger, string model, Exception exception);
    }
}
