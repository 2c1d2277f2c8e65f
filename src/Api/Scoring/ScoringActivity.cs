using System.Diagnostics;
using Serverless.Core.Models;
using Serverless.Core.Monitoring;

namespace Serverless.Api.Scoring;

/// <summary>The <c>score</c> span of a scoring call, a child of the HTTP server span; null (free) when nobody listens.</summary>
internal static class ScoringActivity
{
    public static Activity? Start(ModelManifest manifest, string endpoint)
    {
        var activity = MonitoringTelemetry.Source.StartActivity("score");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MonitoringTelemetry.ModelTag, manifest.Name);
            activity.SetTag(MonitoringTelemetry.VersionTag, manifest.Version);
            activity.SetTag(MonitoringTelemetry.EndpointTag, endpoint);
        }

        return activity;
    }
}
