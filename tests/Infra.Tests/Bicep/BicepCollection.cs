namespace Serverless.Infra.Tests.Bicep;

/// <summary>Every test that needs the compiled Bicep shares one <see cref="BicepBuild"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BicepCollection : ICollectionFixture<BicepBuild>
{
    public const string Name = "Bicep";
}
