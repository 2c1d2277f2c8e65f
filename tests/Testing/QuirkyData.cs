using System.Globalization;
using System.Text;

namespace Serverless.Testing;

/// <summary>
/// A generated census-like CSV with the quirks real files have: <c>?</c> for missing values, padded strings, quoted
/// cells that contain the delimiter, a CRLF line end here and there, and a text label (<c>&gt;50K</c> / <c>&lt;=50K</c>).
/// </summary>
public static class QuirkyData
{
    public const string Label = "income";
    public const string Positive = ">50K";

    public static string Csv(int rows, int seed)
    {
        var random = new Random(seed);
        string[] cities = ["Paris, FR", "Lyon, FR", "Austin, TX", "Porto"];
        string[] work = ["private", "self-emp", "gov"];
        var text = new StringBuilder("id,age,workclass,city,hours,married,income\n");
        for (var i = 0; i < rows; i++)
        {
            var age = 18 + random.Next(60);
            var workclass = work[random.Next(work.Length)];
            var city = cities[random.Next(cities.Length)];
            var hours = 10 + random.Next(60);
            var married = random.NextDouble() < 0.5;
            var score = (age - 40) / 15.0 + (hours - 40) / 20.0 + (married ? 0.8 : -0.4) + (workclass == "self-emp" ? 0.5 : 0) + (city.StartsWith("Paris", StringComparison.Ordinal) ? 0.3 : 0);
            var positive = random.NextDouble() < 1 / (1 + Math.Exp(-score));
            var ageText = random.NextDouble() < 0.08 ? "?" : age.ToString(CultureInfo.InvariantCulture);
            var workText = random.NextDouble() < 0.05 ? " ? " : random.NextDouble() < 0.5 ? $"  {workclass} " : workclass;
            text.Append(CultureInfo.InvariantCulture, $"{i},{ageText},{workText},\"{city}\",{hours},{(married ? "Yes" : "no")}, {(positive ? Positive : "<=50K")}");
            text.Append(i % 7 == 0 ? "\r\n" : "\n");
        }

        return text.ToString();
    }
}
