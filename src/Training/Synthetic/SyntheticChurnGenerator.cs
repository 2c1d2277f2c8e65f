using System.Globalization;

namespace Serverless.Training.Synthetic;

/// <summary>
/// Writes a telecom-style churn CSV whose label comes from a logistic model of the inputs plus noise, so a
/// gradient-boosted tree ensemble reaches an AUC around 0.85. Used for local runs, tests and drift demos.
/// </summary>
/// <remarks>Deterministic for a given <see cref="SyntheticChurnOptions"/>; thread-safe (no shared state).</remarks>
public static class SyntheticChurnGenerator
{
    /// <summary>The label column: 1 = churned.</summary>
    public const string LabelColumn = "churn";

    /// <summary>The identifier column (not a feature).</summary>
    public const string IdColumn = "customer_id";

    /// <summary>The header, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        IdColumn, "tenure_months", "monthly_charges", "total_charges", "support_calls", "age",
        "contract", "payment_method", "internet_service", "paperless_billing", LabelColumn,
    ];

    /// <summary>Contract categories.</summary>
    public static IReadOnlyList<string> Contracts { get; } = ["month-to-month", "one-year", "two-year"];

    /// <summary>Payment method categories.</summary>
    public static IReadOnlyList<string> PaymentMethods { get; } = ["electronic-check", "mailed-check", "bank-transfer", "credit-card"];

    /// <summary>Internet service categories.</summary>
    public static IReadOnlyList<string> InternetServices { get; } = ["dsl", "fiber", "none"];

    /// <summary>Writes the header and <see cref="SyntheticChurnOptions.Rows"/> rows to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, SyntheticChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Validate(options);
        var random = new Random(options.Seed);
        writer.Write(string.Join(',', Columns));
        writer.Write('\n');
        for (var i = 0; i < options.Rows; i++)
        {
            writer.Write(NextRow(random, i + 1, options));
            writer.Write('\n');
        }

        writer.Flush();
    }

    /// <summary>Writes the CSV to <paramref name="path"/> (UTF-8 without BOM), replacing any existing file.</summary>
    public static void Write(string path, SyntheticChurnOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Validate(options);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        Write(writer, options);
    }

    private static void Validate(SyntheticChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Rows, "Rows must be at least 1.");
        }

        if (!double.IsFinite(options.Drift) || options.Drift < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Drift, "Drift must be a finite number >= 0.");
        }

        if (!(options.MissingRate >= 0 && options.MissingRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MissingRate, "MissingRate must be in [0, 1).");
        }
    }

    private static string NextRow(Random random, int id, SyntheticChurnOptions options)
    {
        var drift = options.Drift;
        var monthToMonthShare = Math.Min(0.85, 0.45 + 0.15 * drift);
        var contract = Pick(random, monthToMonthShare, (1 - monthToMonthShare) / 2);
        var tenure = contract switch
        {
            0 => Math.Min(72, (int)(-14 * Math.Log(1 - random.NextDouble()))),
            1 => random.Next(6, 73),
            _ => random.Next(18, 73),
        };
        var fiberShare = Math.Min(0.8, 0.45 + 0.05 * drift);
        var internet = Pick(random, 0.35 * (1 - fiberShare) / 0.55, fiberShare);
        var monthly = internet switch
        {
            0 => 55 + 10 * Gaussian(random),
            1 => 85 + 12 * Gaussian(random),
            _ => 21 + 3 * Gaussian(random),
        };
        monthly = Math.Round(Math.Max(18, monthly + 10 * drift), 2);
        var total = Math.Round(monthly * tenure * (1 + 0.05 * Gaussian(random)), 2);
        var calls = Math.Min(15, Poisson(random, 1.2 * (1 + 0.5 * drift) + (internet == 1 ? 0.8 : 0)));
        var age = (int)Math.Clamp(Math.Round(45 + 14 * Gaussian(random)), 18, 85);
        var payment = Pick(random, 0.35, 0.2, 0.225);
        var paperless = random.NextDouble() < (internet == 1 ? 0.75 : 0.55);

        // The churn mechanism (fixed across drift): short, flexible, expensive, troubled customers leave.
        var logit = -1.6
            + 1.4 * (contract == 0 ? 1 : 0) - 1.0 * (contract == 2 ? 1 : 0)
            - 0.035 * tenure + 0.02 * (monthly - 60) + 0.4 * calls
            + 0.6 * (payment == 0 ? 1 : 0) + 0.3 * (paperless ? 1 : 0)
            + 0.4 * (internet == 1 ? 1 : 0) - 0.015 * (age - 45)
            + 0.6 * Gaussian(random);
        var churn = random.NextDouble() < 1 / (1 + Math.Exp(-logit));

        var missing = options.MissingRate;
        var c = CultureInfo.InvariantCulture;
        return string.Join(',',
            "C" + id.ToString("D7", c),
            tenure.ToString(c),
            monthly.ToString("0.00", c),
            Missing(random, missing) ? "" : total.ToString("0.00", c),
            Missing(random, missing) ? "" : calls.ToString(c),
            Missing(random, missing) ? "" : age.ToString(c),
            Contracts[contract],
            Missing(random, missing) ? "" : PaymentMethods[payment],
            InternetServices[internet],
            paperless ? "yes" : "no",
            churn ? "1" : "0");
    }

    private static bool Missing(Random random, double rate) => rate > 0 && random.NextDouble() < rate;

    /// <summary>Index drawn with the given probabilities; the last index takes the remaining mass.</summary>
    private static int Pick(Random random, params ReadOnlySpan<double> probabilities)
    {
        var u = random.NextDouble();
        for (var i = 0; i < probabilities.Length; i++)
        {
            u -= probabilities[i];
            if (u < 0)
            {
                return i;
            }
        }

        return probabilities.Length;
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Poisson(Random random, double lambda)
    {
        // Knuth's method: fine for the small rates used here.
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
