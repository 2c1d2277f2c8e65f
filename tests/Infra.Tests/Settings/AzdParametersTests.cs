using System.Text.Json.Nodes;
using Serverless.Infra.Tests.Bicep;

namespace Serverless.Infra.Tests.Settings;

/// <summary>azd's parameter file names only parameters main.bicep declares, and every required one.</summary>
[Collection(BicepCollection.Name)]
public sealed class AzdParametersTests(BicepBuild bicep)
{
    [Fact]
    public void AzdParameters_EveryName_IsDeclaredAndEveryRequiredOneGiven()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepBuild.InfraDirectory, "main.parameters.json")))!;
        var given = file["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        var declared = bicep.Main["parameters"]!.AsObject();

        var undeclared = given.Where(name => !declared.ContainsKey(name)).ToList();
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        var notGiven = required.Where(name => !given.Contains(name)).ToList();

        Assert.True(undeclared.Count == 0, "main.parameters.json names undeclared parameters: " + string.Join(", ", undeclared));
        Assert.True(notGiven.Count == 0, "main.parameters.json misses required parameters: " + string.Join(", ", notGiven));
    }
}
