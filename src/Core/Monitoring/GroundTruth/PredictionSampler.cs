namespace Serverless.Core.Monitoring.GroundTruth;

/// <summary>Which request ids the prediction log keeps: a stable hash of the id against the sample rate.</summary>
/// <remarks>
/// Deterministic across processes and restarts (FNV-1a over the id's characters, then a 64-bit finalizer), so every
/// instance agrees. FNV-1a alone spreads its top bits poorly over short, similar ids: sequential ids (<c>req-1</c>,
/// <c>req-2</c>, ...) sampled at 10 % kept 8.7-13 % of them; the finalizer (MurmurHash3's fmix64) mixes every input bit
/// into the top bits the fraction is read from.
/// </remarks>
public static class PredictionSampler
{
    /// <summary>True when a request with this id is logged at <paramref name="rate"/> (0..1).</summary>
    public static bool IsSampled(string requestId, double rate)
    {
        if (rate >= 1)
        {
            return true;
        }

        if (rate <= 0)
        {
            return false;
        }

        var hash = 14695981039346656037UL;
        foreach (var c in requestId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;

        // The top 53 bits as a uniform fraction in [0, 1).
        return (hash >> 11) * (1.0 / (1UL << 53)) < rate;
    }
}
