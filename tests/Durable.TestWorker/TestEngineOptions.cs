namespace Serverless.Durable.TestWorker;

/// <summary>Engine settings for tests: short leases and timeouts so that recovery after a kill takes seconds.</summary>
/// <remarks>
/// Not shorter: a message whose visibility timeout passes while a loaded machine (parallel test classes, other builds)
/// is still handling it is delivered again, which at-least-once allows but the fault tests count.
/// </remarks>
public static class TestEngineOptions
{
    public static DurableEngineOptions Create(string connectionString, string taskHub) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = taskHub,
        LeaseDuration = TimeSpan.FromSeconds(3),
        ControlVisibilityTimeout = TimeSpan.FromSeconds(4),
        ActivityVisibilityTimeout = TimeSpan.FromSeconds(4),
        MaxPollingInterval = TimeSpan.FromMilliseconds(100),
        ClientPollingInterval = TimeSpan.FromMilliseconds(50),
        MaxConcurrentActivities = 16,
    };
}
