namespace Serverless.Testing;

/// <summary>Paths tests need: the repository root and the real data in <c>../shared/data</c>.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/data</c> beside the repository (never copied into it).</summary>
    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string BankChurnCsv => Path.Combine(SharedData, "bank-churn.csv");

    /// <summary>100,000 taxi trips, regression label <c>fare_amount</c>.</summary>
    public static string TaxiFareCsv => Path.Combine(SharedData, "taxi-fare-train.csv");

    /// <summary>150 iris flowers: tab-separated, UTF-8 BOM, header <c>#Label</c>.</summary>
    public static string IrisTsv => Path.Combine(SharedData, "iris-full.tsv");

    public static string XgbRegressorOnnx => Path.Combine(SharedData, "test_xgb.onnx");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
