using Equilibre.Features.Data;
using Equilibre.Features.Demo.National;
using Equilibre.Features.Imports;
using Equilibre.Features.Territory;
using Equilibre.Features.Tests.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Data;

/// <summary>Start-up on a national dataset (issue 8): demands without organisations are not a first run, no demo is seeded.</summary>
public sealed class InitialiseDatabaseTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StartUp_OnANationalDataset_SeedsNoDemo(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(Make.TerritoryFolder(), 2026));
        }

        await using var services = TestServices.For(database);
        await using (var scope = services.CreateAsyncScope())
        {
            var generated = await scope.ServiceProvider.GetRequiredService<GenerateNationalDataset>().HandleAsync(new GenerateNationalDataset.Request(0.0001));
            Assert.True(generated.Succeeded, generated.Message);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<InitialiseDatabase>()
                .HandleAsync(new InitialiseDatabase.Request(ReferenceFiles.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()), SeedDemoOnFirstRun: true));
            Assert.Null(result.Demo);
            Assert.False(result.HasDemo);
        }

        await using var check = database.NewContext();
        Assert.False(await check.Organisations.AnyAsync(o => o.IsDemo));
        Assert.False(await check.Demands.AnyAsync(d => d.IsDemo));
    }
}
