using System.Text.Json;
using Serverless.Core.Models;
using Serverless.Training.Spec;
using Serverless.Workflows.Retrain;

namespace Serverless.Workflows.Tests.Retrain;

public class RetrainSpecsTests
{
    private const string Given = """{"data":{"blob":"data/churn.csv"},"label":"churn","task":"binary","trainer":{"trees":50}}""";

    private static ModelManifest Version(int version, Dictionary<string, string> parameters) => new()
    {
        Name = "churn", Version = version, Task = ModelTask.Classification, Inputs = [], Outputs = [], ArtifactSha256 = "00",
        CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "t", Lineage = new Lineage { Parameters = parameters },
    };

    private static ModelManifest Trained(int version, string source, int trees) => Version(version, new()
    {
        ["spec"] = $$$"""{"data":{"blob":"training-snapshots/churn/abc/churn.csv"},"label":"churn","task":"binary","trainer":{"trees":{{{trees}}}}}""",
        ["sourceBlob"] = source,
    });

    [Fact]
    public void Last_TrainedVersions_NewestSpecPointedBackAtItsSourceBlob()
    {
        var json = RetrainSpecs.Last([Trained(1, "data/old.csv", 10), Trained(2, "data/churn.csv", 30), Version(3, [])]);

        var spec = TrainingSpecReader.Read(System.Text.Encoding.UTF8.GetBytes(json!));
        Assert.Equal(("data/churn.csv", 30), (spec.Data.Blob, spec.Trainer.Trees));
    }

    [Fact]
    public void Last_OnlyRegisteredVersions_Null() => Assert.Null(RetrainSpecs.Last([Version(1, [])]));

    [Fact]
    public void Resolve_GivenSpec_WinsOverTheLastOne()
    {
        var json = RetrainSpecs.Resolve("churn", Given, [Trained(1, "data/old.csv", 10)]);

        Assert.Equal(50, JsonDocument.Parse(json).RootElement.GetProperty("trainer").GetProperty("trees").GetInt32());
    }

    [Theory]
    [InlineData(null, "'spec'")]
    [InlineData("""{"name":"other","data":{"blob":"c/d.csv"},"label":"y","task":"binary"}""", "'spec.name'")]
    [InlineData("""{"data":{"path":"local.csv"},"label":"y","task":"binary"}""", "data.blob")]
    [InlineData("""{"data":{"blob":"c/d.csv"},"label":"y"}""", "task")]
    public void Resolve_NothingUsable_ThrowsNamingTheField(string? spec, string field)
    {
        var error = Assert.Throws<TrainingSpecException>(() => RetrainSpecs.Resolve("churn", spec, [Version(1, [])]));

        Assert.Contains(field, error.Message);
    }
}
