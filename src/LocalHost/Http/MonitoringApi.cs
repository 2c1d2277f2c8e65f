using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.Api.Http;
using Serverless.Api.Monitoring;
using Serverless.Api.Security;

namespace Serverless.LocalHost.Http;

/// <summary>Maps the monitoring endpoints onto their Api handlers.</summary>
internal static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Routes.ModelStats, (HttpRequest request, string name, StatsHandler h, CancellationToken ct) => h.GetAsync(request, name, ct));
        endpoints.MapPost(Routes.ModelFeedback, (HttpRequest request, string name, FeedbackHandler h, CancellationToken ct) => h.PostAsync(request, name, ct))
            .RequireApiKey();
        endpoints.MapGet(Routes.ModelAccuracy, (HttpRequest request, string name, AccuracyHandler h, CancellationToken ct) => h.GetAsync(request, name, ct));
        endpoints.MapGet(Routes.ModelDrift, (HttpRequest request, string name, DriftChecksHandler h, CancellationToken ct) => h.GetAsync(request, name, ct));
        endpoints.MapGet(Routes.ModelReview, (HttpRequest request, string name, ReviewHandler h, CancellationToken ct) => h.ListAsync(request, name, ct));
        endpoints.MapPost(Routes.ModelReviewItem, (HttpRequest request, string name, string requestId, ReviewHandler h, CancellationToken ct) =>
            h.LabelAsync(request, name, requestId, ct)).RequireApiKey();
        return endpoints;
    }
}
