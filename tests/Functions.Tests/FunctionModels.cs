using Serverless.Testing;

namespace Serverless.Functions.Tests;

/// <summary>The XGBoost regressor from ../shared/data with its four-feature schema.</summary>
internal static class FunctionModels
{
    public const string XgbSchema = """{ "inputName": "X", "features": [ {"name":"a","kind":"numeric","required":true}, {"name":"b","kind":"numeric"}, {"name":"c","kind":"numeric"}, {"name":"d","kind":"categorical","categories":["low","high"]} ] }""";

    public static readonly byte[] Xgb = File.ReadAllBytes(RepositoryPaths.XgbRegressorOnnx);
}
