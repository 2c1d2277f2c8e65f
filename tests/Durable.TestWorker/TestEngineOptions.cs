namespace Serverless.Durable.TestWorker;

/// <summary>Engine settings for tests: short leases and timeouts so that recovery after a kill takes seconds.</summary>
public static class TestEngineOptions
{
    public static DurableEngineOptions Create(string connectionString, string taskHub) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = taskHub,
        LeaseDuration = TimeSpan.FromSeconds(2),
        ControlVisibilityTimeout = TimeSpan.FromSeconds(2),
        ActivityVisibilityTimeout = TimeSpan.FromSeconds(2),
        MaxPollingInterval = TimeSpan.FromMilliseconds(100),
        ClientPollingInterval = TimeSpan.FromMilliseconds(50),
        MaxConcurrentActivities = 16,
    };
}
