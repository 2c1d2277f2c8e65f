using System.Text.Json;

namespace Serverless.LocalHost.Tests.Rollout;

/// <summary>Common alert schema payloads as Azure Monitor sends them (shapes from ../shared/reference/protocols.md).</summary>
internal static class AlertPayloads
{
    /// <summary>A log search alert as infra/bicep/modules/alerts.bicep configures it: the model in customProperties.</summary>
    public static string Log(string alertId, string condition, string? model) => JsonSerializer.Serialize(new
    {
        schemaId = "azureMonitorCommonAlertSchema",
        data = new
        {
            essentials = Essentials(alertId, condition, "Log", "xgb: errors"),
            alertContext = new
            {
                conditionType = "LogQueryCriteria",
                condition = new
                {
                    windowSize = "PT5M",
                    allOf = new[]
                    {
                        new
                        {
                            searchQuery = "requests | where resultCode startswith '5'", metricMeasureColumn = (string?)null, targetResourceTypes = "['microsoft.insights/components']",
                            @operator = "GreaterThan", threshold = "5", timeAggregation = "Count", dimensions = Array.Empty<object>(), metricValue = 12.0,
                            failingPeriods = new { numberOfEvaluationPeriods = 1, minFailingPeriodsToAlert = 1 }, linkToSearchResultsUI = "https://portal.azure.com",
                        },
                    },
                    windowStartTime = "2026-12-01T00:00:00Z", windowEndTime = "2026-12-01T00:05:00Z",
                },
            },
            customProperties = model is null ? null : new Dictionary<string, string> { ["model"] = model, ["alert"] = "errors" },
        },
    });

    /// <summary>A metric alert with the model as a dimension and no customProperties.</summary>
    public static string Metric(string alertId, string model) => JsonSerializer.Serialize(new
    {
        schemaId = "azureMonitorCommonAlertSchema",
        data = new
        {
            essentials = Essentials(alertId, "Fired", "Metric", "xgb: latency"),
            alertContext = new
            {
                properties = (object?)null,
                conditionType = "SingleResourceMultipleMetricCriteria",
                condition = new
                {
                    windowSize = "PT5M",
                    allOf = new[]
                    {
                        new
                        {
                            metricName = "scoring.duration", metricNamespace = "azure.applicationinsights", @operator = "GreaterThan", threshold = "250",
                            timeAggregation = "Average", dimensions = new[] { new { name = "model", value = model }, new { name = "version", value = "2" } }, metricValue = 410.5,
                        },
                    },
                    windowStartTime = "2026-12-01T00:00:00Z", windowEndTime = "2026-12-01T00:05:00Z",
                },
            },
        },
    });

    private static object Essentials(string alertId, string condition, string signalType, string rule) => new
    {
        alertId, alertRule = rule, severity = "Sev1", signalType, monitorCondition = condition, monitoringService = signalType == "Log" ? "Log Alerts V2" : "Platform",
        alertTargetIDs = new[] { "/subscriptions/0000/resourcegroups/rg/providers/microsoft.insights/components/appi" },
        configurationItems = new[] { "appi" }, originAlertId = Guid.NewGuid().ToString(), firedDateTime = "2026-12-01T00:05:30Z",
        description = "test", essentialsVersion = "1.0", alertContextVersion = "1.0",
    };

    public static string NewId() => $"/subscriptions/0000/providers/Microsoft.AlertsManagement/alerts/{Guid.NewGuid()}";
}
