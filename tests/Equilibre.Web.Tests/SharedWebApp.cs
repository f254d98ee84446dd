namespace Equilibre.Web.Tests;

/// <summary>All web tests share one started app (first-run import takes a few seconds).</summary>
[CollectionDefinition(Name)]
public sealed class SharedWebApp : ICollectionFixture<EquilibreWebFactory>
{
    public const string Name = "web";
}
