using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using Serverless.Core.Models;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Hosting;

/// <summary>The local host's answer to a failure no handler expects, and to requests no route answers.</summary>
public class UnhandledErrorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task UnhandledException_Answers500WithRequestIdThatTheLogLineCarries()
    {
        var logs = new ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)>();
        // The registry's storage failing in a way no handler catches: a fault that cannot be caused on demand.
        var registry = new Mock<IModelRegistry>();
        registry.Setup(r => r.ListModelsAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("storage exploded"));
        using var factory = Factory(services =>
        {
            services.AddSingleton(registry.Object);
            services.AddSingleton<ILoggerProvider>(new CollectingLoggerProvider(logs));
        });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/models");
        request.Headers.Add("x-request-id", "req-500");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("req-500", body.GetProperty("requestId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
        Assert.DoesNotContain("exploded", body.GetProperty("error").GetString());
        Assert.Contains(logs, l => l.Level == LogLevel.Error && l.Message.Contains("req-500") && l.Exception?.Message == "storage exploded");
    }

    [Fact]
    public async Task UnhandledException_WithoutRequestId_AnswersTheTraceIdentifier()
    {
        var registry = new Mock<IModelRegistry>();
        registry.Setup(r => r.ListModelsAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));
        using var factory = Factory(services => services.AddSingleton(registry.Object));
        using var client = factory.CreateClient();

        var body = await (await client.GetAsync("/api/models")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("requestId").GetString()));
    }

    [Theory]
    [InlineData("GET", "/api/models/xgb/predict", 405)]
    [InlineData("DELETE", "/api/models", 405)]
    [InlineData("GET", "/nothing/here", 404)]
    [InlineData("POST", "/v3/models/xgb/infer", 404)]
    public async Task Unrouted_MethodOrPath_AnswersErrorBody(string method, string path, int status)
    {
        using var factory = Factory(_ => { });
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains(path, error);
    }

    private WebApplicationFactory<Program> Factory(Action<IServiceCollection> services) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
            .UseSetting("Registry:Container", AzuriteFixture.UniqueName("models"))
            .UseSetting("LocalHost:StartAzurite", "false")
            .UseSetting("LocalHost:SeedSampleModel", "false")
            .UseSetting(TestApiKey.Setting, TestApiKey.New())
            .ConfigureTestServices(services));

    private sealed class CollectingLoggerProvider(ConcurrentQueue<(string, LogLevel, string, Exception?)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collecting(categoryName, logs);

        public void Dispose()
        {
        }

        private sealed class Collecting(string category, ConcurrentQueue<(string, LogLevel, string, Exception?)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }
}
