namespace Serverless.Core.Monitoring;

/// <summary>Population stability index between two histograms over the same bins.</summary>
/// <remarks>
/// <c>PSI = sum_i (a_i - e_i) * ln(a_i / e_i)</c> over bin proportions <c>e</c> (expected: training) and <c>a</c>
/// (actual: live). An empty bin's proportion is taken as <see cref="Epsilon"/> so the logarithm stays finite; this
/// is the usual convention and makes a bin that only one side has contribute a large but bounded term.
/// Common reading: below 0.1 stable, 0.1-0.25 some shift, above 0.25 a significant shift.
/// </remarks>
public static class Psi
{
    /// <summary>The proportion used for an empty bin.</summary>
    public const double Epsilon = 1e-4;

    /// <exception cref="ArgumentException">The bin counts differ, or either side has no observations.</exception>
    public static double Compute(ReadOnlySpan<long> expected, ReadOnlySpan<long> actual)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"PSI needs the same bins on both sides, got {expected.Length} and {actual.Length}.");
        }

        double expectedTotal = 0, actualTotal = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            expectedTotal += expected[i];
            actualTotal += actual[i];
        }

        if (expectedTotal <= 0 || actualTotal <= 0)
        {
            throw new ArgumentException("PSI needs observations on both sides.");
        }

        double psi = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Max(expected[i] / expectedTotal, Epsilon);
            var a = Math.Max(actual[i] / actualTotal, Epsilon);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }
}
