using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Serverless.LocalHost.Tests.Rollout;
using Serverless.Testing;
using Serverless.Workflows.Hosting;

namespace Serverless.LocalHost.Tests.Retrain;

/// <summary>
/// The retrain workflow end to end on the local host: real Azurite, DTFx, ML.NET training on the real churn file,
/// validation on ONNX Runtime, approval mail through MailKit to the SMTP sink, and the test following the mailed link
/// (GET the page, then POST its form) as a person would.
/// </summary>
[Collection(RetrainCollection.Name)]
public sealed class RetrainWorkflowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private SmtpSink _sink = null!;
    private TestLocalHost _host = null!;
    private BlobContainerClient _data = null!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSink.StartAsync();
        _host = new TestLocalHost(azurite,
            ("Approvals:SigningKey", Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray())),
            ("Approvals:DecisionTable", AzuriteFixture.UniqueName("approvals")),
            ("Approvals:PublicBaseUrl", "http://approvals.test"),
            ("Email:Host", "127.0.0.1"),
            ("Email:Port", _sink.Port.ToString(CultureInfo.InvariantCulture)),
            ("Approvals:Default:Approvers", "ops@example.org"),
            ("Approvals:Models:churn:Approvers", "carol@example.org"),
            // Short canary bakes with windows flushed every second and routing refreshed fast. Score shift is off: the
            // load replays the same few records, so the two versions' score histograms are points, not distributions.
            // The p95 slack is wide: a few ms of scheduling noise on a shared CI box would otherwise decide (the rollout's
            // own tests cover the latency check).
            ("Rollout:Canary:Steps", "25,100"),
            ("Rollout:Canary:Bake", "00:00:04"),
            ("Rollout:Health:MinRequests", "20"),
            ("Rollout:Health:MaxScorePsi", "0"),
            ("Rollout:Health:LatencySlackMilliseconds", "250"),
            ("Monitoring:FlushInterval", "00:00:01"),
            ("Scoring:DeploymentRefreshInterval", "00:00:00.300"));
        _data = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("data"));
        await _data.CreateIfNotExistsAsync();
        await _host.Services.GetRequiredService<TaskHubWorkerService>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task Retrain_ShiftedData_PassesValidationMailsTheApproverAndRollsOutOnceApproved()
    {
        // The champion: a quick baseline (3 trees of 4 leaves) on the first 2,000 rows. Then the blob gets a new quarter's
        // shifted population, and the retrain brings the full spec.
        var blob = await UploadAsync("churn.csv", ChurnData.Original(2_000));
        await TrainAsync("churn", ChurnData.Spec(blob, trees: 3, leaves: 4));
        var shifted = ChurnData.Shifted();
        await UploadAsync("churn.csv", shifted);

        var start = await _host.Client.PostAsync(
            "/api/models/churn/retrain", TestLocalHost.Json($$"""{ "spec": {{ChurnData.Spec(blob)}}, "reason": "manual", "detail": "new quarter" }"""));

        Assert.True(start.StatusCode == HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var statusUri = start.Headers.Location!.ToString();
        Assert.Equal("retrain-churn", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        var waiting = await WaitForStageAsync(statusUri, "approval");
        Assert.Contains("carol@example.org", waiting.GetProperty("customStatus").GetProperty("detail").GetString());
        var mail = Assert.Single(await _sink.WaitForAsync(1, Timeout));
        Assert.Equal("Approve the rollout of churn v2?", mail.Subject);
        Assert.Equal("carol@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(shifted)), mail.TextBody);
        Assert.Contains("manual: new quarter", mail.TextBody);
        // The champion was re-scored on the candidate's holdout (the shifted rows), and the gate compared with that.
        Assert.Matches(@"compared with champion v1 re-scored on this candidate's holdout \(\d+ rows\)", mail.TextBody);
        var report = JsonDocument.Parse((await new BlobContainerClient(_host.ConnectionString, _host.Container).GetBlobClient("churn/2/validation.json").DownloadContentAsync()).Value.Content).RootElement;
        Assert.Equal("holdout", report.GetProperty("championBasis").GetString());
        var auc = report.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "auc");
        Assert.NotEqual(auc.GetProperty("champion").GetDouble(), auc.GetProperty("championStored").GetDouble()); // another population, another AUC

        // While it waits for the approver, a second request is refused with the running instance's status URL.
        var second = await _host.Client.PostAsync("/api/models/churn/retrain", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var conflict = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(statusUri, conflict.GetProperty("statusQueryGetUri").GetString());
        Assert.Contains("already running", conflict.GetProperty("error").GetString());

        // Predictions keep coming while the approver decides and the canary runs: none may fail.
        using var load = new LoadGenerator(_host.Client, workers: 4, "churn", ChurnData.Records(5));
        var approve = Link(mail, "Approve");
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync(approve)).StatusCode);
        using var decided = await _host.Client.PostAsync(approve, new FormUrlEncodedContent([new("confirm", "1")]));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var done = await _host.WaitForWorkflowAsync(statusUri, Timeout);
        var results = await load.StopAsync();

        Assert.True(done.GetProperty("runtimeStatus").GetString() == "Completed", done.ToString());
        var output = done.GetProperty("output");
        Assert.True(output.GetProperty("outcome").GetString() == "promoted", output.ToString());
        Assert.Equal(("rollout", 2, true, "approved"), (output.GetProperty("stage").GetString(), output.GetProperty("version").GetInt32(),
            output.GetProperty("validationPassed").GetBoolean(), output.GetProperty("approval").GetString()));
        Assert.Equal(2, output.GetProperty("rollout").GetProperty("serving").GetInt32());
        Assert.Equal("done", done.GetProperty("customStatus").GetProperty("stage").GetString());
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Contains(results, r => r.Version == 1);
        Assert.Contains(results, r => r.Version == 2 && r.Reason == "canary");
        var model = await _host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn");
        Assert.Equal(2, model.GetProperty("deployment").GetProperty("champion").GetInt32());
        var lineage = (await _host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn/versions/2")).GetProperty("lineage");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(shifted)), lineage.GetProperty("trainingDataSha256").GetString());
        var parameters = lineage.GetProperty("parameters");
        Assert.Equal(("1", "manual", blob), (parameters.GetProperty("parentVersion").GetString(), parameters.GetProperty("reason").GetString(), parameters.GetProperty("sourceBlob").GetString()));
        Assert.StartsWith("retrain-churn-", parameters.GetProperty("trainingRun").GetString());
        Assert.Contains("\"trees\":100", parameters.GetProperty("spec").GetString());
    }

    [Fact]
    public async Task Retrain_ShuffledLabels_StoppedByValidationWithoutMail_AndMayRunAgain()
    {
        var blob = await UploadAsync("churn.csv", ChurnData.Original(3_000));
        await TrainAsync("churn", ChurnData.Spec(blob));
        await UploadAsync("churn.csv", ChurnData.ShuffledLabels(3_000));

        var first = await RetrainToTheEndAsync();
        var again = await RetrainToTheEndAsync(); // a finished retrain may be started again

        foreach (var (status, version) in new[] { (first, 2), (again, 3) })
        {
            Assert.True(status.GetProperty("runtimeStatus").GetString() == "Completed", status.ToString());
            var output = status.GetProperty("output");
            Assert.Equal(("validate", "rejected by validation", version), (output.GetProperty("stage").GetString(), output.GetProperty("outcome").GetString(), output.GetProperty("version").GetInt32()));
            Assert.False(output.GetProperty("validationPassed").GetBoolean());
            Assert.Contains("metric minimums", output.GetProperty("failedGates").EnumerateArray().Select(g => g.GetString()));
            Assert.False(output.TryGetProperty("approval", out _)); // none asked (nulls are left out)
            Assert.Equal("rejected", status.GetProperty("customStatus").GetProperty("stage").GetString());
            var stored = await new BlobContainerClient(_host.ConnectionString, _host.Container).GetBlobClient($"churn/{version}/validation.json").DownloadContentAsync();
            Assert.False(JsonDocument.Parse(stored.Value.Content).RootElement.GetProperty("passed").GetBoolean());
        }

        Assert.Empty(_sink.Messages());
        var model = await _host.Client.GetFromJsonAsync<JsonElement>("/api/models/churn");
        Assert.Equal(1, model.GetProperty("deployment").GetProperty("champion").GetInt32()); // nothing rolled out
    }

    /// <summary>Polls the retrain's status until its custom status reaches <paramref name="stage"/>; fails if it ends first.</summary>
    private async Task<JsonElement> WaitForStageAsync(string statusUri, string stage)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var status = await _host.Client.GetFromJsonAsync<JsonElement>(statusUri, cts.Token);
            if (status.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object
                && custom.GetProperty("stage").GetString() == stage)
            {
                return status;
            }

            Assert.False(status.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated", $"ended before {stage}: {status}");
            await Task.Delay(200, cts.Token);
        }
    }

    private async Task<JsonElement> RetrainToTheEndAsync()
    {
        var start = await _host.Client.PostAsync("/api/models/churn/retrain", null);
        Assert.True(start.StatusCode == HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        return await _host.WaitForWorkflowAsync(start.Headers.Location!.ToString(), Timeout);
    }

    private async Task TrainAsync(string model, string spec)
    {
        var start = await _host.Client.PostAsync($"/api/models/{model}/train", TestLocalHost.Json(spec));
        Assert.True(start.StatusCode == HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var status = await _host.WaitForWorkflowAsync(start.Headers.Location!.ToString(), Timeout);
        Assert.True(status.GetProperty("runtimeStatus").GetString() == "Completed", status.ToString());
    }

    private async Task<string> UploadAsync(string name, byte[] bytes)
    {
        await _data.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        return $"{_data.Name}/{name}";
    }

    /// <summary>The path of the mail's Approve or Reject link (the host under test answers it in memory).</summary>
    private static string Link(MimeMessage mail, string label)
    {
        var match = Regex.Match(mail.TextBody ?? "", label + @":\s+http://approvals\.test(/api/approvals/\S+)");
        Assert.True(match.Success, $"No {label} link in: {mail.TextBody}");
        return match.Groups[1].Value;
    }
}
