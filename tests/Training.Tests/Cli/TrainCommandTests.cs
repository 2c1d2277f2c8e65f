using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Serverless.Testing;
using Serverless.Training.Cli;

namespace Serverless.Training.Tests.Cli;

public class TrainCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TrainCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string IrisSpec(TempDirectory directory, string extra = "") => directory.Write("iris.json", $$"""
        { "name": "iris", "data": { "path": "{{RepositoryPaths.IrisTsv}}" }, "label": "Label", "task": "multiclass",
          "trainer": { "trees": 10, "minExamplesPerLeaf": 5 } {{extra}} }
        """);

    [Fact]
    public async Task RunAsync_IrisSpec_WritesModelAndManifestAndPrintsStagesAndMetrics()
    {
        using var directory = new TempDirectory();
        var outDir = directory.File("out");

        var (code, output, error) = await RunAsync("train", "--spec", IrisSpec(directory), "--out", outDir);

        Assert.True(code == 0, error);
        Assert.Contains("5/8 train", output);
        Assert.Contains("8/8 done", output);
        Assert.Contains("macroF1", output);
        Assert.True(new FileInfo(Path.Combine(outDir, "model.onnx")).Length > 1000);
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(outDir, "manifest.json")));
        Assert.Equal("classification", manifest.RootElement.GetProperty("task").GetString());
        Assert.Equal(["0", "1", "2"], manifest.RootElement.GetProperty("classLabels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4, manifest.RootElement.GetProperty("features").GetProperty("features").GetArrayLength());
        Assert.Equal(150, manifest.RootElement.GetProperty("metrics").GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task RunAsync_UnknownSpecField_ExitTwoNamingFieldAndWritesNothing()
    {
        using var directory = new TempDirectory();
        var outDir = directory.File("out");

        var (code, _, error) = await RunAsync("train", "--spec", IrisSpec(directory, """, "trainr": {}"""), "--out", outDir);

        Assert.Equal(TrainCommand.BadInput, code);
        Assert.Contains("'trainr'", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task RunAsync_UnsupportedDelimiter_ExitTwoNamingField()
    {
        using var directory = new TempDirectory();

        var (code, _, error) = await RunAsync("train", "--spec", directory.Write("s.json",
            """{ "data": { "path": "x.csv", "delimiter": "::" }, "label": "y", "task": "binary" }"""), "--out", directory.File("out"));

        Assert.Equal(TrainCommand.BadInput, code);
        Assert.Contains("'data.delimiter' must be one character", error);
    }

    [Fact]
    public async Task RunAsync_RegisterWithoutName_ExitTwoBeforeTraining()
    {
        using var directory = new TempDirectory();
        var spec = directory.Write("s.json", $$"""{ "data": { "path": "{{RepositoryPaths.IrisTsv}}" }, "label": "Label", "task": "multiclass" }""");

        var (code, output, error) = await RunAsync("train", "--spec", spec, "--out", directory.File("out"), "--register", "http://127.0.0.1:1");

        Assert.Equal(TrainCommand.BadInput, code);
        Assert.Contains("--register needs a model name", error);
        Assert.DoesNotContain("train", output);
    }

    [Fact]
    public async Task RunAsync_RegisterToServiceThatIsDown_ExitThreeAfterWritingFiles()
    {
        using var directory = new TempDirectory();
        var outDir = directory.File("out");

        var (code, _, error) = await RunAsync("train", "--spec", IrisSpec(directory), "--out", outDir, "--register", $"http://127.0.0.1:{ClosedPort()}");

        Assert.Equal(TrainCommand.RegistrationFailed, code);
        Assert.Contains("registration failed", error);
        Assert.True(File.Exists(Path.Combine(outDir, "model.onnx")));
    }

    [Theory]
    [InlineData(new string[0], "No command given")]
    [InlineData(new[] { "fit" }, "Unknown command 'fit'")]
    [InlineData(new[] { "train", "--out", "x" }, "--spec is required")]
    [InlineData(new[] { "train", "--spec", "s", "--out", "x", "--max-rows", "-1" }, "--max-rows must be a positive integer")]
    [InlineData(new[] { "train", "--spec", "s", "--out", "x", "--register", "ftp://x" }, "--register needs an http(s) URL")]
    [InlineData(new[] { "train", "--spec", "s", "--bogus", "1" }, "Unknown option '--bogus'")]
    public async Task RunAsync_BadArguments_ExitTwoWithReasonAndUsage(string[] args, string reason)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(TrainCommand.BadInput, code);
        Assert.Contains(reason, error);
        Assert.Contains("usage: train --spec", error);
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
