using System.Globalization;
using System.Text;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Retrain;

/// <summary>
/// Versions of the real bank churn file (../shared/data) for retrain tests: the first rows as they are, the whole file
/// shifted (customers older, richer, with lower credit scores: a new quarter's population), and the labels shuffled.
/// </summary>
internal static class ChurnData
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryPaths.BankChurnCsv);

    private static string Header => Lines[0];

    /// <summary>The header and the first <paramref name="rows"/> rows, unchanged.</summary>
    public static byte[] Original(int rows) => Csv(Lines.Skip(1).Take(rows));

    /// <summary>Every row with age +8, balance and salary x1.25, credit score -40 (labels kept).</summary>
    public static byte[] Shifted() => Csv(Lines.Skip(1).Select(line =>
    {
        var c = line.Split(',');
        c[1] = Shift(c[1], v => v - 40);
        c[4] = Shift(c[4], v => v + 8);
        c[6] = Shift(c[6], v => v * 1.25);
        c[10] = Shift(c[10], v => v * 1.25);
        return string.Join(',', c);
    }));

    /// <summary>The first <paramref name="rows"/> rows with the churn column permuted (seeded): no feature predicts it any more.</summary>
    public static byte[] ShuffledLabels(int rows)
    {
        var split = Lines.Skip(1).Take(rows).Select(l => l.Split(',')).ToList();
        var labels = split.Select(c => c[^1]).ToArray();
        new Random(5).Shuffle(labels);
        return Csv(split.Select((c, i) => string.Join(',', c[..^1].Append(labels[i]))));
    }

    /// <summary>A predict body of the first <paramref name="count"/> shifted rows, as records (label and id left out).</summary>
    public static string Records(int count)
    {
        var names = Header.Split(',');
        var shifted = Encoding.UTF8.GetString(Shifted()).Split('\n').Skip(1).Take(count);
        var records = shifted.Select(line => "{" + string.Join(",", line.Split(',').Select((v, i) => (Name: names[i], Value: v))
            .Where(c => c.Name is not ("customer_id" or "churn"))
            .Select(c => $"\"{c.Name}\":" + (c.Name is "country" or "gender" ? $"\"{c.Value}\"" : c.Value))) + "}");
        return $"{{ \"records\": [ {string.Join(",", records)} ] }}";
    }

    /// <summary>A spec for the churn file at <paramref name="blob"/> (customer_id ignored).</summary>
    public static string Spec(string blob, int trees = 100, int leaves = 31) =>
        $$"""{ "data": { "blob": "{{blob}}" }, "label": "churn", "task": "binary", "ignore": ["customer_id"], "trainer": { "trees": {{trees}}, "leaves": {{leaves}} } }""";

    private static string Shift(string value, Func<double, double> shift) =>
        shift(double.Parse(value, CultureInfo.InvariantCulture)).ToString("0.##", CultureInfo.InvariantCulture);

    private static byte[] Csv(IEnumerable<string> rows) => Encoding.UTF8.GetBytes(string.Join('\n', rows.Prepend(Header)) + "\n");
}
