using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests;

/// <summary>
/// The local host on real Azurite with its own registry container, plus helpers to register models through
/// the register endpoint (the real registry) and to tamper with stored artifacts.
/// </summary>
/// <remarks>
/// Each host gets its own API key (<see cref="ApiKey"/>); <see cref="Client"/> sends it, so tests of state-changing routes
/// just use <see cref="Client"/>, and <see cref="CreateClient"/> with <c>withKey: false</c> gives an anonymous caller. A
/// <c>ApiKey:Key</c> in <c>settings</c> replaces the generated key.
/// </remarks>
internal sealed class TestLocalHost : IDisposable
{
    public const string XgbSchema = """{ "inputName": "X", "features": [ {"name":"a","kind":"numeric","required":true}, {"name":"b","kind":"numeric"}, {"name":"c","kind":"numeric"}, {"name":"d","kind":"categorical","categories":["low","high"]} ] }""";

    public static readonly byte[] Xgb = File.ReadAllBytes(RepositoryPaths.XgbRegressorOnnx);

    private readonly WebApplicationFactory<Program> _factory;

    public TestLocalHost(AzuriteFixture azurite, params (string Key, string Value)[] settings)
        : this(azurite, AzuriteFixture.UniqueName("models"), settings)
    {
    }

    /// <summary>A host on a given registry container (several hosts in turn can share one registry).</summary>
    public TestLocalHost(AzuriteFixture azurite, string container, params (string Key, string Value)[] settings)
        : this(azurite, container, null, loopback: false, settings)
    {
    }

    /// <summary>A host with extra services registered after the app's (a test workflow, say).</summary>
    public TestLocalHost(AzuriteFixture azurite, Action<IServiceCollection> services, params (string Key, string Value)[] settings)
        : this(azurite, AzuriteFixture.UniqueName("models"), services, loopback: false, settings)
    {
    }

    /// <param name="loopback">Serve on Kestrel at a free 127.0.0.1 port (real sockets, for load tests) instead of the in-memory test server.</param>
    private TestLocalHost(AzuriteFixture azurite, string container, Action<IServiceCollection>? services, bool loopback, (string Key, string Value)[] settings)
    {
        Container = container;
        ConnectionString = azurite.ConnectionString;
        ApiKey = settings.LastOrDefault(s => s.Key == TestApiKey.Setting).Value ?? TestApiKey.New();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
                .UseSetting("Registry:Container", Container)
                // Own window table too: hosts with their own registries reuse model names with other schemas.
                .UseSetting("Monitoring:WindowTable", AzuriteFixture.UniqueName("windows"))
                // Own task hub: a worker of another test's host must never run this host's workflows (other registry).
                .UseSetting("DurableTaskHubName", AzuriteFixture.UniqueName("hub"))
                .UseSetting("Rollout:AuditTable", AzuriteFixture.UniqueName("audit"))
                .UseSetting("LocalHost:StartAzurite", "false")
                .UseSetting("LocalHost:SeedSampleModel", "false")
                .UseSetting(TestApiKey.Setting, ApiKey);
            if (loopback)
            {
                // appsettings.json's Urls (7071) would be bound too: loopback hosts of parallel tests would collide on it.
                b.UseSetting("Urls", "http://127.0.0.1:0");
            }

            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            if (services is not null)
            {
                b.ConfigureServices(services);
            }
        });
        if (loopback)
        {
            _factory.UseKestrel(0);
            _factory.StartServer();
        }

        Client = CreateClient();
    }

    /// <summary>A new client of this host, sending <see cref="ApiKey"/> unless <paramref name="withKey"/> is false.</summary>
    public HttpClient CreateClient(bool withKey = true)
    {
        var client = _factory.CreateClient();
        return withKey && ApiKey.Length > 0 ? client.WithKey(ApiKey) : client;
    }

    /// <summary>A host served by Kestrel on a free loopback port; <see cref="Client"/> talks to it over real sockets.</summary>
    public static TestLocalHost OnLoopback(AzuriteFixture azurite, params (string Key, string Value)[] settings) =>
        new(azurite, AzuriteFixture.UniqueName("models"), null, loopback: true, settings);

    public string Container { get; }

    public string ConnectionString { get; }

    /// <summary>The host's API key for state-changing routes (sent by <see cref="Client"/> as <see cref="TestApiKey.Header"/>).</summary>
    public string ApiKey { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Registers a version through <c>POST /api/models/{name}/versions</c> and returns its number.</summary>
    public async Task<int> RegisterAsync(string name, byte[] onnx, string? manifestJson = null)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(onnx), "model", "model.onnx" } };
        if (manifestJson is not null)
        {
            content.Add(new StringContent(manifestJson), "manifest");
        }

        var response = await Client.PostAsync($"/api/models/{name}/versions", content);
        response.EnsureSuccessStatusCode();
        var manifest = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return manifest.GetProperty("version").GetInt32();
    }

    /// <summary>Overwrites a stored model.onnx behind the registry's back.</summary>
    public Task TamperAsync(string name, int version, byte[] bytes) =>
        new BlobContainerClient(ConnectionString, Container).GetBlobClient($"{name}/{version}/model.onnx").UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);

    /// <summary>Polls a Durable status URI until the instance is Completed, Failed or Terminated, and returns the status.</summary>
    public async Task<System.Text.Json.JsonElement> WaitForWorkflowAsync(string statusUri, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var status = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>(statusUri, cts.Token);
            if (status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
            {
                return status;
            }

            await Task.Delay(200, cts.Token);
        }
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
    }
}
