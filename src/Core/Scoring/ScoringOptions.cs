namespace Serverless.Core.Scoring;

/// <summary>Settings of HTTP scoring and the session cache ("Scoring" configuration section).</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>Most records one predict request may carry.</summary>
    public int MaxRecordsPerRequest { get; set; } = 1000;

    /// <summary>Largest request body any scoring endpoint reads; larger bodies get 413.</summary>
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How often cached deployment state is re-read in the background: the staleness bound of routing (a promote,
    /// rollback or weight change reaches every instance within it) and of artifact re-verification.
    /// </summary>
    public TimeSpan DeploymentRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A non-champion session unused this long is retired (disposed once its last call returns).</summary>
    public TimeSpan IdleSessionTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Threads one ONNX Runtime Run may use; 1 suits many concurrent small requests.</summary>
    public int IntraOpThreads { get; set; } = 1;
}
