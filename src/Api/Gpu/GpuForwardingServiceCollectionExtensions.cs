using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Serverless.Api.Gpu;

public static class GpuForwardingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GpuForwardingOptions"/> (section "GpuForwarding", validated at start-up), the
    /// <see cref="GpuRouter"/>, the <see cref="GpuForwarder"/> and its resilient <see cref="HttpClient"/>.
    /// </summary>
    public static IServiceCollection AddGpuForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GpuForwardingOptions>().Bind(configuration.GetSection(GpuForwardingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GpuForwardingOptions>, GpuForwardingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GpuRouter>();
        services.TryAddSingleton<GpuForwarder>();
        services.AddHttpClient(GpuForwarder.ClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<GpuForwardingOptions>>().Value;
                if (options.IsEnabled())
                {
                    client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
                }

                // The pipeline's timeouts govern; HttpClient's own 100 s would only hide them.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("gpu-forwarding", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<GpuForwardingOptions>>().Value;
                pipeline.AddTimeout(options.Timeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(100),
                    ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsRetryable(args.Outcome)),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.FailureRatio,
                    MinimumThroughput = options.MinimumThroughput,
                    SamplingDuration = options.SamplingDuration,
                    BreakDuration = options.BreakDuration,
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
        return services;
    }

    /// <summary>503 (the GPU app is full or stopping), a connection that failed, or an attempt that timed out.</summary>
    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode == HttpStatusCode.ServiceUnavailable
        || outcome.Exception is HttpRequestException or TimeoutRejectedException;
}
