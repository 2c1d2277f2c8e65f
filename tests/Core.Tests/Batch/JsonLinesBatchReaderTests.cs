using Serverless.Core.Batch;
using Serverless.Core.Models;

namespace Serverless.Core.Tests.Batch;

public class JsonLinesBatchReaderTests
{
    private static readonly FeatureEncoder Encoder = new(new FeatureSchema("input",
    [
        new FeatureDefinition("age", FeatureKind.Numeric, Required: true),
        new FeatureDefinition("country", FeatureKind.Categorical, ["France", "Spain"]),
    ]));

    [Fact]
    public async Task FillAsync_MixedLines_EncodesValidAndListsInvalidWithLineNumbers()
    {
        var jsonl = string.Join("\n",
            "{\"id\":\"a\",\"age\":30,\"country\":\"France\",\"nested\":{\"x\":[1,2]}}",
            "",
            "{\"age\":\"41.5\",\"country\":null}",
            "{\"country\":\"Spain\"}",
            "[1,2]",
            "{\"age\":1,\"age\":2}",
            "{\"age\":true}",
            "{\"age\":3} trailing",
            "{\"age\":5,\"country\":\"Spain\"}\r");
        await using var reader = new JsonLinesBatchReader(ReaderHarness.Utf8(jsonl), Encoder, 1024);

        var (rows, raw, errors) = await ReaderHarness.ReadAllAsync(reader, Encoder.Width);

        Assert.Equal(3, rows.Count);
        Assert.Equal([30f, 0f], rows[0]);
        Assert.Equal(41.5f, rows[1][0]);
        Assert.True(float.IsNaN(rows[1][1]));
        Assert.Equal([5f, 1f], rows[2]);
        Assert.Equal("{\"id\":\"a\",\"age\":30,\"country\":\"France\",\"nested\":{\"x\":[1,2]}}", raw[0]);
        Assert.Equal([4L, 5, 6, 7, 8], errors.Select(e => e.Line));
        Assert.Contains("'age' is required", errors[0].Reason);
        Assert.Contains("not a JSON object", errors[1].Reason);
        Assert.Contains("appears twice", errors[2].Reason);
        Assert.Contains("does not take a boolean", errors[3].Reason);
        Assert.Contains("Invalid JSON", errors[4].Reason);
    }

    [Fact]
    public async Task FillAsync_LineLongerThanLimit_RejectsFile()
    {
        var jsonl = "{\"age\":1,\"pad\":\"" + new string('x', 5000) + "\"}\n";
        await using var reader = new JsonLinesBatchReader(ReaderHarness.Utf8(jsonl), Encoder, 1024);

        await Assert.ThrowsAsync<BatchFileException>(() => ReaderHarness.ReadAllAsync(reader, Encoder.Width));
    }
}
