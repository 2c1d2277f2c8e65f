namespace Serverless.Core.Validation;

/// <summary>What the no-regression gate compared the candidate with (<see cref="ValidationReport.ChampionBasis"/>).</summary>
public static class ChampionBasis
{
    /// <summary>The champion re-scored on the candidate's holdout: like with like.</summary>
    public const string Holdout = "holdout";

    /// <summary>The champion's metrics as its manifest stores them (its own holdout, when it was trained): the caller did not re-score it.</summary>
    public const string Stored = "stored";

    /// <summary>The champion could not score the candidate's holdout (<see cref="ChampionOnHoldout.Problem"/>): nothing was compared.</summary>
    public const string Unscorable = "unscorable";

    /// <summary>No champion (a model's first version): the gate is skipped.</summary>
    public const string None = "none";

    /// <summary>One sentence for people (report, approval mail): which champion numbers the gate used.</summary>
    public static string Describe(string basis, int? champion, ChampionOnHoldout? holdout) => basis switch
    {
        Holdout => $"champion v{champion} re-scored on this candidate's holdout ({holdout?.Rows} rows)",
        Unscorable => $"nothing: champion v{champion} could not score this candidate's holdout ({holdout?.Problem})",
        None => "nothing: no champion (first version)",
        _ => $"champion v{champion}'s stored metrics (from its own holdout when it was trained; it was not re-scored on this one)",
    };
}
