namespace Serverless.Core.Batch;

/// <summary>A block's slice of one Parquet row group (a block never spans two), as the writer needs it.</summary>
internal sealed class ParquetRows
{
    public ParquetRowGroup? Group { get; set; }

    /// <summary>The valid rows of the slice, as ascending indexes into the row group.</summary>
    public List<int> Kept { get; } = [];

    /// <summary>Whether this slice is the group's last: the writer then writes and releases the group.</summary>
    public bool EndsGroup { get; set; }

    public void Clear()
    {
        Group = null;
        Kept.Clear();
        EndsGroup = false;
    }
}
