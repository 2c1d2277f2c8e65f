using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Serverless.LocalHost.Tests.Rollout;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Batch;

/// <summary>A real local host process killed with SIGKILL in the middle of a file, then a fresh one started.</summary>
public class BatchKillTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Name = "churn/kill/big.csv";

    [Fact]
    public async Task KilledHostMidFile_PublishesNothingAndTheNextHostScoresTheFile()
    {
        var host = new BatchHost(azurite.ConnectionString);
        await host.RegisterBankChurnAsync();
        var lines = File.ReadAllLines(RepositoryPaths.BankChurnCsv);
        var csv = new StringBuilder(lines[0]).Append('\n');
        for (var copy = 0; copy < 20; copy++)
        {
            foreach (var line in lines.Skip(1))
            {
                csv.Append(line).Append('\n');
            }
        }

        var rows = (lines.Length - 1) * 20;
        await host.Input.CreateIfNotExistsAsync();
        await host.Input.GetBlobClient(Name).UploadAsync(BatchHost.Utf8(csv.ToString()));

        using (var first = StartHost(host))
        {
            await WaitForStagedBlocksAsync(host, first);
            first.Kill();
            await first.WaitForExitAsync();
        }

        Assert.False(await host.Output.GetBlobClient(Name).ExistsAsync());
        Assert.False(await host.Output.GetBlobClient(Name + ".summary.json").ExistsAsync());

        using var second = StartHost(host);
        try
        {
            var summary = JsonDocument.Parse(await host.WaitForTextAsync(Name + ".summary.json", TimeSpan.FromSeconds(90))).RootElement;
            Assert.Equal("completed", summary.GetProperty("status").GetString());
            Assert.Equal(rows, summary.GetProperty("rowsScored").GetInt64());
            var output = (await host.Output.GetBlobClient(Name).DownloadContentAsync()).Value.Content.ToString();
            Assert.Equal(rows + 1, CsvText.Read(output).Count);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }

    private static Process StartHost(BatchHost host)
    {
        var process = Process.Start(HostProcess.StartInfo(host.Environment))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the host has staged (not committed) output blocks: it is provably mid-file.</summary>
    private static async Task WaitForStagedBlocksAsync(BatchHost host, Process process)
    {
        var blob = host.Output.GetBlockBlobClient(Name);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(process.HasExited, "The host exited before it staged any output.");
            Assert.True(DateTime.UtcNow < deadline, "The host staged no output block in time.");
            try
            {
                var list = await blob.GetBlockListAsync(BlockListTypes.Uncommitted);
                if (list.Value.UncommittedBlocks.Any())
                {
                    return;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Nothing staged yet.
            }

            await Task.Delay(20);
        }
    }
}
