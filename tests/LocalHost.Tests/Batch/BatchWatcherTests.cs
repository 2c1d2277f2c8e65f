using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using Serverless.Core.Models;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Batch;

public class BatchWatcherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Watcher_BankChurnCsv_EveryRowMatchesDirectOnnxRuntime()
    {
        var host = new BatchHost(azurite.ConnectionString);
        await host.RegisterBankChurnAsync();
        await using var app = host.CreateHost();
        _ = app.Services;
        var bytes = await File.ReadAllBytesAsync(RepositoryPaths.BankChurnCsv);
        await host.Input.GetBlobClient("churn/nightly/bank-churn.csv").UploadAsync(new BinaryData(bytes));

        var summary = JsonDocument.Parse(await host.WaitForTextAsync("churn/nightly/bank-churn.csv.summary.json", TimeSpan.FromSeconds(60))).RootElement;

        Assert.Equal("completed", summary.GetProperty("status").GetString());
        Assert.Equal(10_000, summary.GetProperty("rowsScored").GetInt64());
        Assert.Equal(0, summary.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(1, summary.GetProperty("modelVersion").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), summary.GetProperty("inputSha256").GetString());
        var input = CsvText.Read(Encoding.UTF8.GetString(bytes));
        var output = CsvText.Read(await host.WaitForTextAsync("churn/nightly/bank-churn.csv", TimeSpan.FromSeconds(5)));
        Assert.Equal([.. input[0], "prediction_label", "prediction_probability_0", "prediction_probability_1", "prediction_model_version"], output[0]);
        Assert.Equal(input.Count, output.Count);
        var model = BatchHost.BankChurn.Value;
        var columns = model.Schema.Features.Select(f => Array.IndexOf(input[0], f.Name)).ToArray();
        var direct = BatchHost.DirectProbabilitiesOfOne(model.Onnx, model.Schema, input.Skip(1).Select(r => columns.Select(c => r[c]).ToArray()).ToList());
        for (var i = 1; i < input.Count; i++)
        {
            Assert.Equal(input[i], output[i][..input[0].Length]);
            BatchHost.AssertClose(direct[i - 1], BatchHost.Parse(output[i][^2]));
            Assert.Equal(direct[i - 1] >= 0.5f ? "1" : "0", output[i][^4]);
            Assert.Equal("1", output[i][^1]);
        }
    }

    [Fact]
    public async Task Watcher_BankChurnParquet_EveryRowMatchesDirectOnnxRuntime()
    {
        var host = new BatchHost(azurite.ConnectionString);
        await host.RegisterBankChurnAsync();
        await using var app = host.CreateHost();
        _ = app.Services;
        var input = CsvText.Read(await File.ReadAllTextAsync(RepositoryPaths.BankChurnCsv));
        var bytes = await ToParquetAsync(input, rowGroupSize: 2500);
        await host.Input.GetBlobClient("churn/nightly/bank-churn.parquet").UploadAsync(new BinaryData(bytes));

        var summary = JsonDocument.Parse(await host.WaitForTextAsync("churn/nightly/bank-churn.parquet.summary.json", TimeSpan.FromSeconds(60))).RootElement;

        Assert.Equal("completed", summary.GetProperty("status").GetString());
        Assert.Equal((10_000, 0), (summary.GetProperty("rowsScored").GetInt64(), summary.GetProperty("rowsRejected").GetInt64()));
        var published = (await host.Output.GetBlobClient("churn/nightly/bank-churn.parquet").DownloadContentAsync()).Value.Content.ToArray();
        var output = (await ParquetSerializer.DeserializeUntypedAsync(new MemoryStream(published))).Data;
        Assert.Equal(input.Count - 1, output.Count);
        var model = BatchHost.BankChurn.Value;
        var columns = model.Schema.Features.Select(f => Array.IndexOf(input[0], f.Name)).ToArray();
        var direct = BatchHost.DirectProbabilitiesOfOne(model.Onnx, model.Schema, input.Skip(1).Select(r => columns.Select(c => r[c]).ToArray()).ToList());
        for (var i = 0; i < output.Count; i++)
        {
            var row = output[i];
            Assert.Equal(input[i + 1], input[0].Select(c => Convert.ToString(row[c], CultureInfo.InvariantCulture)));
            BatchHost.AssertClose(direct[i], (float)row["prediction_probability_1"]);
            Assert.Equal(direct[i] >= 0.5f ? "1" : "0", row["prediction_label"]);
            Assert.Equal(1, row["prediction_model_version"]);
        }
    }

    [Fact]
    public async Task Watcher_XgbRegressorJsonLinesGzip_EveryValueMatchesDirectOnnxRuntime()
    {
        var host = new BatchHost(azurite.ConnectionString);
        var schema = new FeatureSchema("X", [.. "abcd".Select(c => new FeatureDefinition(c.ToString(), FeatureKind.Numeric))]);
        var onnx = await File.ReadAllBytesAsync(RepositoryPaths.XgbRegressorOnnx);
        await using var app = host.CreateHost();
        await BatchHost.RegisterAsync(app.Services, "xgb", onnx, schema, null);
        var random = new Random(7);
        var rows = Enumerable.Range(0, 700).Select(_ => Enumerable.Range(0, 4).Select(_ => (random.NextDouble() * 10).ToString("R", CultureInfo.InvariantCulture)).ToArray()).ToList();
        var jsonl = string.Concat(rows.Select((r, i) => $"{{\"row\":{i},\"a\":{r[0]},\"b\":{r[1]},\"c\":{r[2]},\"d\":{r[3]},\"tag\":\"ünï\"}}\n"));
        using (var buffer = new MemoryStream())
        {
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(jsonl));
            }

            await host.Input.GetBlobClient("xgb/2026/values.jsonl.gz").UploadAsync(new BinaryData(buffer.ToArray()));
        }

        await host.WaitForTextAsync("xgb/2026/values.jsonl.gz.summary.json", TimeSpan.FromSeconds(60));

        var compressed = (await host.Output.GetBlobClient("xgb/2026/values.jsonl.gz").DownloadContentAsync()).Value.Content.ToStream();
        using var reader = new StreamReader(new GZipStream(compressed, CompressionMode.Decompress));
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var direct = BatchHost.DirectProbabilitiesOfOne(onnx, schema, rows, probabilities: "variable");
        Assert.Equal(rows.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = JsonDocument.Parse(lines[i]).RootElement;
            Assert.Equal(i, line.GetProperty("row").GetInt32());
            Assert.Equal("ünï", line.GetProperty("tag").GetString());
            BatchHost.AssertClose(direct[i], line.GetProperty("prediction_value").GetSingle());
            Assert.Equal(1, line.GetProperty("prediction_model_version").GetInt32());
        }
    }

    [Fact]
    public async Task BatchApi_SubmitThenPoll_CompletesAndRestartDoesNotRescore()
    {
        var host = new BatchHost(azurite.ConnectionString);
        await host.RegisterBankChurnAsync();
        var csv = string.Join('\n', File.ReadLines(RepositoryPaths.BankChurnCsv).Take(301)) + "\n";
        await host.Input.GetBlobClient("churn/on-demand/a.csv").UploadAsync(BatchHost.Utf8(csv));
        Azure.ETag outputETag;
        await using (var app = host.CreateHost())
        {
            using var client = app.CreateClient().WithKey(host.ApiKey);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/models/churn/batch", new { path = "on-demand/missing.csv" })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/models/churn/batch", new { path = "on-demand/a.txt" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/models/fraud/batch", new { path = "on-demand/a.csv" })).StatusCode);

            var submitted = await client.PostAsJsonAsync("/api/models/churn/batch", new { path = "on-demand/a.csv" });

            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            var accepted = await submitted.Content.ReadFromJsonAsync<JsonElement>();
            var statusUrl = accepted.GetProperty("statusUrl").GetString()!;
            Assert.Equal(statusUrl, submitted.Headers.Location?.OriginalString);
            JsonElement status;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            do
            {
                await Task.Delay(100);
                status = await client.GetFromJsonAsync<JsonElement>(statusUrl);
            }
            while (status.GetProperty("state").GetString() is "queued" or "running" && DateTime.UtcNow < deadline);

            Assert.Equal("completed", status.GetProperty("state").GetString());
            Assert.Equal(300, status.GetProperty("summary").GetProperty("rowsScored").GetInt64());
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/batch/jobs/" + Guid.NewGuid().ToString("N"))).StatusCode);
            outputETag = (await host.Output.GetBlobClient("churn/on-demand/a.csv").GetPropertiesAsync()).Value.ETag;
        }

        // A new host forgets what its watcher saw; the receipts keep it from scoring the file again.
        await using (var restarted = host.CreateHost())
        {
            _ = restarted.Services;
            await host.Input.GetBlobClient("churn/on-demand/b.csv").UploadAsync(BatchHost.Utf8(csv));
            await host.WaitForTextAsync("churn/on-demand/b.csv.summary.json", TimeSpan.FromSeconds(60));
            await Task.Delay(500);
        }

        Assert.Equal(outputETag, (await host.Output.GetBlobClient("churn/on-demand/a.csv").GetPropertiesAsync()).Value.ETag);
    }

    /// <summary>CSV rows (header first) as Parquet with typed columns: int64 where every cell is an integer, double where a number, else string.</summary>
    private static async Task<byte[]> ToParquetAsync(List<string[]> csv, int rowGroupSize)
    {
        var rows = csv.Skip(1).ToList();
        var fields = csv[0].Select((name, c) =>
            rows.All(r => long.TryParse(r[c], CultureInfo.InvariantCulture, out _)) ? new DataField<long>(name)
            : rows.All(r => double.TryParse(r[c], CultureInfo.InvariantCulture, out _)) ? new DataField<double>(name)
            : (DataField)new DataField<string>(name)).ToArray();
        var values = rows.Select(r => (IDictionary<string, object?>)fields.Select((f, c) => (f.Name, Value: f.ClrType == typeof(long)
            ? long.Parse(r[c], CultureInfo.InvariantCulture)
            : f.ClrType == typeof(double) ? double.Parse(r[c], CultureInfo.InvariantCulture) : (object?)r[c])).ToDictionary(p => p.Name, p => p.Value)).ToList();
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeUntypedAsync(values, new ParquetSchema(fields), buffer, new ParquetOptions { RowGroupSize = rowGroupSize });
        return buffer.ToArray();
    }
}
