using Serverless.Training.Data;

namespace Serverless.Training.Tests.Data;

public class CsvParserTests
{
    private static TabularData Read(string text, char delimiter = ',', int maxRows = int.MaxValue) =>
        CsvParser.Read(new StringReader(text), "data.csv", delimiter, new CellCleaner(true, ["", "?", "NA"]), maxRows);

    [Fact]
    public void Read_QuotedCellsAndCrLf_ParsesCells()
    {
        var table = Read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",2\r\n");

        Assert.Equal(["a", "b"], table.Header);
        Assert.Equal(["x, y", "say \"hi\""], (IEnumerable<string?>)table.Rows[0].Cells);
        Assert.Equal(["multi\nline", "2"], (IEnumerable<string?>)table.Rows[1].Cells);
    }

    [Fact]
    public void Read_Rows_KnowTheirFileLine()
    {
        var table = Read("a,b\n1,2\n\n\"3\n\",4\n5,6");

        Assert.Equal([2, 4, 6], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Read_PaddedCellsMissingTokensAndPaddedQuotes_TrimmedAndNull()
    {
        var table = Read("a;b;c\n  x  ; ? ;  \"p;q\"  \nNA;;y\n", ';');

        Assert.Equal(["x", null, "p;q"], (IEnumerable<string?>)table.Rows[0].Cells);
        Assert.Equal([null, null, "y"], (IEnumerable<string?>)table.Rows[1].Cells);
    }

    [Fact]
    public void Read_HashAndBomBeforeFirstName_Removed()
    {
        var table = Read("\uFEFF#Label\tx\n1\t2\n", '\t');

        Assert.Equal(["Label", "x"], table.Header);
        Assert.Equal(0, table.IndexOf("#Label"));
    }

    [Theory]
    [InlineData("a,b,c", ',')]
    [InlineData("a;b;\"c,d\"", ';')]
    [InlineData("a\tb\tc", '\t')]
    [InlineData("a|b", '|')]
    [InlineData("single", ',')]
    public void Sniff_HeaderLine_MostFrequentDelimiterOutsideQuotes(string header, char expected)
    {
        Assert.Equal(expected, CsvParser.Sniff(header));
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        var error = Assert.Throws<TrainingDataException>(() => Read(""));

        Assert.Contains("data.csv is empty", error.Message);
    }

    [Fact]
    public void Read_HeaderOnly_SaysNoDataRows()
    {
        var error = Assert.Throws<TrainingDataException>(() => Read("a,b\n"));

        Assert.Contains("no data rows", error.Message);
    }

    [Fact]
    public void Read_RowWithExtraCell_NamesLine()
    {
        var error = Assert.Throws<TrainingDataException>(() => Read("a,b\n1,2\n1,2,3\n"));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("expected 2 cells", error.Message);
    }

    [Fact]
    public void Read_DuplicateHeader_NamesColumn()
    {
        var error = Assert.Throws<TrainingDataException>(() => Read("a,a\n1,2\n"));

        Assert.Contains("'a' twice", error.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesLine()
    {
        var error = Assert.Throws<TrainingDataException>(() => Read("a,b\n1,\"2\n"));

        Assert.Contains("line 2: a quoted cell is not closed", error.Message);
    }

    [Fact]
    public void Read_MoreRowsThanLimit_RefusedNamingSetting()
    {
        var error = Assert.Throws<TrainingDataException>(() => Read("a\n1\n2\n3\n", maxRows: 2));

        Assert.Contains("more than 2 rows", error.Message);
        Assert.Contains("Training:MaxRows", error.Message);
    }
}
