using Serverless.Training.Data;

namespace Serverless.Training.Tests.Data;

public class CsvParserTests
{
    [Fact]
    public void Read_QuotedCellsAndCrLf_ParsesCells()
    {
        var table = CsvParser.Read(new StringReader("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",2\r\n"), "test");

        Assert.Equal(["a", "b"], table.Header);
        Assert.Equal(["x, y", "say \"hi\""], table.Rows[0].Cells);
        Assert.Equal(["multi\nline", "2"], table.Rows[1].Cells);
    }

    [Fact]
    public void Read_Rows_KnowTheirFileLine()
    {
        var table = CsvParser.Read(new StringReader("a,b\n1,2\n\n\"3\n\",4\n5,6"), "test");

        Assert.Equal([2, 4, 6], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        var error = Assert.Throws<TrainingDataException>(() => CsvParser.Read(new StringReader(""), "data.csv"));

        Assert.Contains("data.csv is empty", error.Message);
    }

    [Fact]
    public void Read_HeaderOnly_SaysNoDataRows()
    {
        var error = Assert.Throws<TrainingDataException>(() => CsvParser.Read(new StringReader("a,b\n"), "data.csv"));

        Assert.Contains("no data rows", error.Message);
    }

    [Fact]
    public void Read_RowWithExtraCell_NamesLine()
    {
        var error = Assert.Throws<TrainingDataException>(() => CsvParser.Read(new StringReader("a,b\n1,2\n1,2,3\n"), "data.csv"));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("expected 2 cells", error.Message);
    }

    [Fact]
    public void Read_DuplicateHeader_NamesColumn()
    {
        var error = Assert.Throws<TrainingDataException>(() => CsvParser.Read(new StringReader("a,a\n1,2\n"), "data.csv"));

        Assert.Contains("'a' twice", error.Message);
    }

    [Fact]
    public void ReadFile_MissingFile_NamesPath()
    {
        var error = Assert.Throws<TrainingDataException>(() => CsvParser.ReadFile("/no/such/file.csv"));

        Assert.Contains("/no/such/file.csv", error.Message);
    }
}
