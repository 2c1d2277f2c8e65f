using System.Globalization;
using Serverless.Training.Synthetic;

namespace Serverless.Training.Tests.Synthetic;

public class SyntheticChurnGeneratorTests
{
    [Fact]
    public void Write_SameOptions_SameText()
    {
        var options = new SyntheticChurnOptions { Rows = 2_000, Seed = 11, MissingRate = 0.1 };

        Assert.Equal(Generate(options), Generate(options));
    }

    [Fact]
    public void Write_DifferentSeed_DifferentRows()
    {
        Assert.NotEqual(Generate(new SyntheticChurnOptions { Rows = 100, Seed = 1 }), Generate(new SyntheticChurnOptions { Rows = 100, Seed = 2 }));
    }

    [Fact]
    public void Write_Always_HeaderThenRowsOfElevenCells()
    {
        var lines = Lines(Generate(new SyntheticChurnOptions { Rows = 50 }));

        Assert.Equal(string.Join(',', SyntheticChurnGenerator.Columns), lines[0]);
        Assert.Equal(51, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Equal(11, line.Split(',').Length));
    }

    [Fact]
    public void Write_Drift_RaisesChargesMonthToMonthCallsAndChurn()
    {
        var baseline = Summarize(new SyntheticChurnOptions { Rows = 5_000, Seed = 5, MissingRate = 0 });
        var drifted = Summarize(new SyntheticChurnOptions { Rows = 5_000, Seed = 5, MissingRate = 0, Drift = 1 });

        Assert.True(drifted.MonthlyCharges > baseline.MonthlyCharges + 8, $"{baseline.MonthlyCharges} -> {drifted.MonthlyCharges}");
        Assert.True(drifted.MonthToMonthShare > baseline.MonthToMonthShare + 0.1, $"{baseline.MonthToMonthShare} -> {drifted.MonthToMonthShare}");
        Assert.True(drifted.SupportCalls > baseline.SupportCalls * 1.2, $"{baseline.SupportCalls} -> {drifted.SupportCalls}");
        Assert.True(drifted.ChurnRate > baseline.ChurnRate, $"{baseline.ChurnRate} -> {drifted.ChurnRate}");
    }

    [Fact]
    public void Write_Baseline_ChurnRateIsPlausible()
    {
        var summary = Summarize(new SyntheticChurnOptions { Rows = 5_000, Seed = 5 });

        Assert.InRange(summary.ChurnRate, 0.15, 0.45);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Write_MissingRate_EmptiesThatShareOfOptionalCells(double rate)
    {
        var rows = Lines(Generate(new SyntheticChurnOptions { Rows = 4_000, Seed = 9, MissingRate = rate })).Skip(1).Select(l => l.Split(',')).ToList();
        int[] optional = [3, 4, 5, 7];

        var share = rows.Sum(r => optional.Count(c => r[c].Length == 0)) / (double)(rows.Count * optional.Length);
        Assert.InRange(share, rate * 0.85, rate * 1.15 + 1e-9);
        Assert.All(rows, r => Assert.All(new[] { 0, 1, 2, 6, 8, 9, 10 }, c => Assert.NotEqual("", r[c])));
    }

    [Fact]
    public void Write_ZeroRows_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Generate(new SyntheticChurnOptions { Rows = 0 }));
    }

    [Fact]
    public void Write_ToPath_WritesSameTextAsToWriter()
    {
        using var directory = new TempDirectory();
        var options = new SyntheticChurnOptions { Rows = 300, Seed = 4 };

        SyntheticChurnGenerator.Write(directory.File("a.csv"), options);

        Assert.Equal(Generate(options), File.ReadAllText(directory.File("a.csv")));
    }

    private static string Generate(SyntheticChurnOptions options)
    {
        using var writer = new StringWriter();
        SyntheticChurnGenerator.Write(writer, options);
        return writer.ToString();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static (double MonthlyCharges, double MonthToMonthShare, double SupportCalls, double ChurnRate) Summarize(SyntheticChurnOptions options)
    {
        var rows = Lines(Generate(options)).Skip(1).Select(l => l.Split(',')).ToList();
        return (
            rows.Average(r => double.Parse(r[2], CultureInfo.InvariantCulture)),
            rows.Count(r => r[6] == "month-to-month") / (double)rows.Count,
            rows.Where(r => r[4].Length > 0).Average(r => double.Parse(r[4], CultureInfo.InvariantCulture)),
            rows.Count(r => r[10] == "1") / (double)rows.Count);
    }
}
