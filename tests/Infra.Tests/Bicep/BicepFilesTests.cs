namespace Serverless.Infra.Tests.Bicep;

/// <summary>Every Bicep and parameter file compiles and lints with no warning (warnings are errors here).</summary>
[Collection(BicepCollection.Name)]
public sealed class BicepFilesTests(BicepBuild bicep)
{
    [Fact]
    public void Build_EveryBicepFile_CompilesWithoutWarnings()
    {
        Assert.Equal(0, bicep.Build.ExitCode);
        Assert.Empty(BicepCli.Diagnostics(bicep.Build));
        var sources = Directory.GetFiles(BicepBuild.InfraDirectory, "*.bicep", SearchOption.AllDirectories);
        Assert.True(sources.Length > 5, "infra/bicep holds main.bicep and its modules");
        foreach (var source in sources)
        {
            var compiled = Path.ChangeExtension(Path.Combine(bicep.OutDirectory, Path.GetRelativePath(BicepBuild.InfraDirectory, source)), ".json");
            Assert.True(File.Exists(compiled), $"{source} was not compiled");
        }
    }

    [Fact]
    public void BuildParams_EveryEnvironment_CompilesAgainstMain()
    {
        Assert.Equal(0, bicep.BuildParams.ExitCode);
        Assert.Empty(BicepCli.Diagnostics(bicep.BuildParams));
        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            Assert.True(File.Exists(Path.Combine(BicepBuild.InfraDirectory, "params", environment + ".bicepparam")), $"no parameters for {environment}");
        }
    }

    [Fact]
    public void Lint_EveryFile_NoWarnings()
    {
        Assert.Equal(0, bicep.Lint.ExitCode);
        Assert.Empty(BicepCli.Diagnostics(bicep.Lint));
    }

    [Fact]
    public void Diagnostics_WarningLine_IsReported()
    {
        // Guards the parser the three tests above rely on: a real warning line from the CLI is caught.
        var result = new BicepResult(0, "", "/x/main.bicep(3,7) : Warning no-unused-params: Parameter \"a\" is declared but never used.\n");
        Assert.Single(BicepCli.Diagnostics(result));
    }
}
