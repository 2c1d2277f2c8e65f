namespace Serverless.Durable.TestWorker;

/// <summary>Engine settings for tests: short leases and timeouts so that recovery after a kill takes seconds.</summary>
/// <remarks>
/// Not shorter: a message whose visibility timeout passes while a loaded machine (parallel test classes, other builds,
/// both cores saturated) is still handling it is delivered again. At-least-once allows that, but every lapse costs a
/// rerun, and at 4 s the suite saw several per run under load. A kill is recovered after one visibility timeout, so
/// the fault tests wait about 10 s longer than the lease on restart.
/// </remarks>
public static class TestEngineOptions
{
    public static DurableEngineOptions Create(string connectionString, string taskHub) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = taskHub,
        LeaseDuration = TimeSpan.FromSeconds(8),
        ControlVisibilityTimeout = TimeSpan.FromSeconds(10),
        ActivityVisibilityTimeout = TimeSpan.FromSeconds(10),
        MaxPollingInterval = TimeSpan.FromMilliseconds(100),
        ClientPollingInterval = TimeSpan.FromMilliseconds(50),
        MaxConcurrentActivities = 16,
    };
}
