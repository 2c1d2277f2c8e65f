using System.Text;
using Serverless.Core.Batch;

namespace Serverless.Core.Tests.Batch;

/// <summary>Runs a reader over a whole input and collects the encoded rows, their raw text (text formats) and the row errors.</summary>
internal static class ReaderHarness
{
    public static async Task<(List<float[]> Rows, List<string> Raw, List<RowError> Errors)> ReadAllAsync(IBatchReader reader, int width, int blockSize = 3)
    {
        var rows = new List<float[]>();
        var raw = new List<string>();
        var errors = new List<RowError>();
        var block = new RowBlock(blockSize, width);
        bool more;
        do
        {
            block.Reset();
            more = await reader.FillAsync(block, CancellationToken.None);
            Assert.True(block.RowsRead <= blockSize + 1 || block.Count <= blockSize);
            for (var r = 0; r < block.Count; r++)
            {
                rows.Add(block.RowFeatures(r).ToArray());
                if (block.Payload is RawRows text)
                {
                    raw.Add(Encoding.UTF8.GetString(text[r]));
                }
            }

            errors.AddRange(block.Errors);
        }
        while (more);

        return (rows, raw, errors);
    }

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}
