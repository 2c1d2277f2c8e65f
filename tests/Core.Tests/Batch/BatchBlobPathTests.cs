using Serverless.Core.Batch;

namespace Serverless.Core.Tests.Batch;

public class BatchBlobPathTests
{
    [Theory]
    [InlineData("churn/a.csv", "churn", "a.csv", BatchFileFormat.Csv, false)]
    [InlineData("churn/2026/01/a.CSV.gz", "churn", "2026/01/a.CSV.gz", BatchFileFormat.Csv, true)]
    [InlineData("churn/x/a.jsonl", "churn", "x/a.jsonl", BatchFileFormat.JsonLines, false)]
    [InlineData("churn/a.jsonl.gz", "churn", "a.jsonl.gz", BatchFileFormat.JsonLines, true)]
    [InlineData("churn/2026/a.Parquet", "churn", "2026/a.Parquet", BatchFileFormat.Parquet, false)]
    public void TryParse_BatchFile_SplitsModelPathAndFormat(string name, string model, string path, BatchFileFormat format, bool gzip)
    {
        Assert.True(BatchBlobPath.TryParse(name, out var parsed));
        Assert.Equal(new BatchBlobPath(model, path, format, gzip), parsed);
        Assert.Equal(name + ".summary.json", parsed!.SummaryName);
        Assert.Equal(name + ".errors.csv", parsed.ErrorsName);
    }

    [Theory]
    [InlineData("a.csv")]
    [InlineData("churn/")]
    [InlineData("churn/a.txt")]
    [InlineData("churn/a.csv.errors.csv")]
    [InlineData("churn/a.parquet.gz")]
    [InlineData("/a.csv")]
    public void TryParse_NotABatchFile_ReturnsFalse(string name) => Assert.False(BatchBlobPath.TryParse(name, out _));
}
