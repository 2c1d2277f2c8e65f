using Serverless.Core.Monitoring;

namespace Serverless.Core.Tests.Monitoring;

public class PsiTests
{
    [Fact]
    public void Compute_SameProportions_IsZero() => Assert.Equal(0, Psi.Compute([10, 20, 30], [100, 200, 300]), 12);

    [Fact]
    public void Compute_TwoBins_MatchesHandComputedValue()
    {
        // e = (.5, .5), a = (.25, .75): (.25-.5)ln(.25/.5) + (.75-.5)ln(.75/.5) = .25 ln 2 + .25 ln 1.5
        var expected = 0.25 * Math.Log(2) + 0.25 * Math.Log(1.5);
        Assert.Equal(0.274653, expected, 6);
        Assert.Equal(expected, Psi.Compute([50, 50], [25, 75]), 12);
    }

    [Fact]
    public void Compute_ThreeBins_MatchesHandComputedValue()
    {
        // e = (.2, .5, .3), a = (.3, .4, .3): .1 ln 1.5 - .1 ln .8 + 0 = 0.0405465 + 0.0223144
        Assert.Equal(0.062861, Psi.Compute([20, 50, 30], [30, 40, 30]), 6);
    }

    [Fact]
    public void Compute_EmptyTrainingBin_UsesEpsilon()
    {
        // e = (1, 1e-4 for the empty bin), a = (.9, .1): -.1 ln .9 + (.1 - 1e-4) ln(.1 / 1e-4)
        var expected = -0.1 * Math.Log(0.9) + (0.1 - 1e-4) * Math.Log(0.1 / 1e-4);
        Assert.Equal(0.700621, expected, 6);
        Assert.Equal(expected, Psi.Compute([100, 0], [90, 10]), 12);
    }

    [Fact]
    public void Compute_DifferentBinCounts_Throws() => Assert.Throws<ArgumentException>(() => Psi.Compute([1, 2], [1, 2, 3]));

    [Fact]
    public void Compute_NoLiveRows_Throws() => Assert.Throws<ArgumentException>(() => Psi.Compute([1, 2], [0, 0]));
}
