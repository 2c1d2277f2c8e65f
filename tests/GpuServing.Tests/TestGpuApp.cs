using System.Text;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Models;
using Serverless.Testing;
using Serverless.Training.Onnx;

namespace Serverless.GpuServing.Tests;

/// <summary>
/// The GPU app on real Kestrel (loopback, a free port) against real Azurite, with its own registry container,
/// plus the registry itself to register MLPs and move champions.
/// </summary>
internal sealed class TestGpuApp : IAsyncDisposable
{
    public static readonly int[] MlpWidths = [256, 1024, 1024, 10];

    private readonly WebApplicationFactory<Program> _factory;
    private readonly StartFailureLog _failures = new();

    public TestGpuApp(AzuriteFixture azurite, string container, params (string Key, string Value)[] settings)
    {
        Container = container;
        Registry = new BlobModelRegistry(new BlobServiceClient(azurite.ConnectionString), Options.Create(new RegistryOptions { Container = container }), TimeProvider.System);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
                .UseSetting("Registry:Container", container)
                .UseSetting("Urls", "http://127.0.0.1:0")
                .ConfigureLogging(l => l.AddProvider(_failures));
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        factory.UseKestrel(0);
        _factory = factory;
    }

    public string Container { get; }

    public BlobModelRegistry Registry { get; }

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    /// <summary>A registry container for one test.</summary>
    public static string NewContainer() => AzuriteFixture.UniqueName("gpu");

    /// <summary>Starts Kestrel (hosted services first: a start-up failure throws here).</summary>
    public TestGpuApp Start()
    {
        try
        {
            _factory.StartServer();
        }
        catch (ObjectDisposedException) when (_failures.First is { } failure)
        {
            // The factory lost the start failure to its own race (StartFailureLog); the host logged the real one.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        Client = _factory.CreateClient();
        Client.Timeout = TimeSpan.FromMinutes(2);
        return this;
    }

    /// <summary>Registers an MLP of <see cref="MlpWidths"/> from <paramref name="seed"/>; the first version becomes champion.</summary>
    public async Task<ModelManifest> RegisterMlpAsync(string name, int seed, ModelServing serving = ModelServing.Cpu) =>
        await Registry.RegisterAndPromoteIfFirstAsync(
            new ModelRegistration { Name = name, Onnx = MlpOnnxExporter.Export(MlpWeights.Generate(MlpWidths, seed)), Serving = serving, CreatedBy = "tests" },
            TimeProvider.System);

    /// <summary>An OIP infer body for <paramref name="rows"/> rows of the MLP's input.</summary>
    public static string MlpRequest(float[] values, int rows, string? id = null)
    {
        var body = new StringBuilder("{");
        if (id is not null)
        {
            body.Append("\"id\":\"").Append(id).Append("\",");
        }

        body.Append("\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[").Append(rows).Append(",256],\"data\":[");
        body.AppendJoin(',', values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        return body.Append("]}]}").ToString();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Row-major random rows in [-1, 1).</summary>
    public static float[] RandomRows(int rows, int seed, int width = 256)
    {
        var random = new Random(seed);
        var values = new float[rows * width];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _factory.DisposeAsync();
    }
}
