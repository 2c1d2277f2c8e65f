using Microsoft.Extensions.Logging;

namespace Serverless.GpuServing.Tests;

/// <summary>
/// Keeps the first exception the app logs at Error or above: the host logs why it failed to start before it rethrows.
/// </summary>
/// <remarks>
/// WebApplicationFactory can lose that exception: when the app's own <c>Run()</c> fails and disposes the host before the
/// factory has subscribed to its start, the factory throws <see cref="ObjectDisposedException"/> instead (a race in
/// Mvc.Testing's deferred host, seen under load). <see cref="TestGpuApp.Start"/> then throws this one.
/// </remarks>
internal sealed class StartFailureLog : ILoggerProvider, ILogger
{
    private Exception? _first;

    public Exception? First => Volatile.Read(ref _first);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is not null && IsEnabled(logLevel))
        {
            Interlocked.CompareExchange(ref _first, exception, null);
        }
    }

    public void Dispose()
    {
    }
}
