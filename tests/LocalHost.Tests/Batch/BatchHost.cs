using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Serverless.Core.Models;
using Serverless.Testing;
using Serverless.Training;
using Serverless.Training.Spec;

namespace Serverless.LocalHost.Tests.Batch;

/// <summary>
/// Containers of one test (registry, batch in/out/receipts/jobs) and the settings that point a local host at them,
/// in-process (<see cref="CreateHost"/>) or as a child process (<see cref="Environment"/>).
/// </summary>
internal sealed class BatchHost(string connectionString)
{
    /// <summary>Trained once per test run on the 10,000 real rows of bank-churn.csv.</summary>
    public static readonly Lazy<TrainingResult> BankChurn = new(() => new ModelTrainer().LoadAndTrainAsync(new TrainingSpec
    {
        Data = new DataSpec { Path = RepositoryPaths.BankChurnCsv },
        Label = "churn",
        Task = TrainingTask.Binary,
        Ignore = ["customer_id"],
        Trainer = new TrainerSpec { Trees = 40 },
    }, null, null).GetAwaiter().GetResult());

    private readonly string _prefix = AzuriteFixture.UniqueName("h");

    public BlobServiceClient Service { get; } = new(connectionString);
    public BlobContainerClient Input => Service.GetBlobContainerClient(_prefix + "-in");
    public BlobContainerClient Output => Service.GetBlobContainerClient(_prefix + "-out");

    /// <summary>The API key every host of this fixture uses (send it with <see cref="TestApiKey.WithKey"/>).</summary>
    public string ApiKey { get; } = TestApiKey.New();

    public Dictionary<string, string> Settings => new()
    {
        [TestApiKey.Setting] = ApiKey,
        ["AzureWebJobsStorage"] = connectionString,
        ["Registry:Container"] = _prefix + "-models",
        ["LocalHost:StartAzurite"] = "false",
        ["LocalHost:SeedSampleModel"] = "false",
        ["Batch:InputContainer"] = _prefix + "-in",
        ["Batch:OutputContainer"] = _prefix + "-out",
        ["Batch:ReceiptContainer"] = _prefix + "-rcpt",
        ["Batch:JobContainer"] = _prefix + "-jobs",
        ["Batch:WatcherPollInterval"] = "00:00:00.200",
        ["Batch:BatchSize"] = "1024",
    };

    /// <summary>The same settings as environment variables (<c>:</c> becomes <c>__</c>).</summary>
    public Dictionary<string, string> Environment => Settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);

    public WebApplicationFactory<Program> CreateHost() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        foreach (var (key, value) in Settings)
        {
            b.UseSetting(key, value);
        }
    });

    public static async Task<ModelManifest> RegisterAsync(IServiceProvider services, string name, byte[] onnx, FeatureSchema schema, IReadOnlyList<string>? classLabels)
    {
        var registry = services.GetRequiredService<IModelRegistry>();
        var manifest = await registry.RegisterAsync(new ModelRegistration
        {
            Name = name, Onnx = onnx, Features = schema, ClassLabels = classLabels, CreatedBy = "batch-tests",
        });
        await registry.PromoteIfNoChampionAsync(manifest, "batch-tests", TimeProvider.System);
        return manifest;
    }

    /// <summary>Registers the bank-churn model through a short-lived host (the registry is all it needs).</summary>
    public async Task RegisterBankChurnAsync()
    {
        await using var host = CreateHost();
        var result = BankChurn.Value;
        await RegisterAsync(host.Services, "churn", result.Onnx, result.Schema, result.ClassLabels);
    }

    public async Task<string> WaitForTextAsync(string name, TimeSpan timeout)
    {
        var blob = Output.GetBlobClient(name);
        var deadline = DateTime.UtcNow + timeout;
        while (!await blob.ExistsAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} was not published within {timeout}.");
            await Task.Delay(100);
        }

        return (await blob.DownloadContentAsync()).Value.Content.ToString();
    }

    /// <summary>The model applied directly with ONNX Runtime to rows already encoded in memory: the reference.</summary>
    public static float[] DirectProbabilitiesOfOne(byte[] onnx, FeatureSchema schema, IReadOnlyList<string[]> cells, string probabilities = "probabilities")
    {
        var encoder = new FeatureEncoder(schema);
        var features = new float[cells.Count * encoder.Width];
        for (var r = 0; r < cells.Count; r++)
        {
            for (var f = 0; f < encoder.Width; f++)
            {
                Assert.True(encoder.TryEncodeText(f, cells[r][f], out features[r * encoder.Width + f], out var error), error);
            }
        }

        using var session = new InferenceSession(onnx);
        using var input = OrtValue.CreateTensorValueFromMemory(features, [cells.Count, encoder.Width]);
        using var outputs = session.Run(new RunOptions(), [schema.InputName], [input], [probabilities]);
        var values = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var width = values.Length / cells.Count;
        return Enumerable.Range(0, cells.Count).Select(r => values[r * width + width - 1]).ToArray();
    }

    /// <summary>
    /// Equal up to float rounding: ONNX Runtime's tree ensembles sum trees in an order that depends on batch size
    /// and threads, which moves the last bits (seen: 6e-8 on a probability, 4e-7 on a regression value of 1.7).
    /// </summary>
    public static void AssertClose(float expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"Expected {expected}, got {actual}.");

    public static float Parse(string text) => float.Parse(text, CultureInfo.InvariantCulture);

    public static BinaryData Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}
