using Equilibre.Domain.Applications;
using Equilibre.Features.Demo.National;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Demo;

/// <summary>The national generator (issue 8) at a tiny scale on the test territory: proportional, deterministic, refuses a used database.</summary>
public sealed class GenerateNationalDatasetTests
{
    private static async Task<(GenerateNationalDataset.Result Result, List<string> Numbers)> GenerateAsync(TestDatabase database, double scale)
    {
        await using var services = TestServices.For(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Equilibre.Features.Data.EquilibreDb>();
        var handler = new GenerateNationalDataset(db, new NationalDemands(scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>()));
        var parts = new List<GenerateNationalDataset.Progress>();
        var result = await handler.HandleAsync(new GenerateNationalDataset.Request(scale), new SynchronousProgress(parts.Add));
        await using var check = database.NewContext();
        return (result, await check.Demands.OrderBy(d => d.Numero).Select(d => d.Numero).ToListAsync());
    }

    private static async Task<TestDatabase> WithTerritoryAsync(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(Make.TerritoryFolder(), 2026));
        return database;
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generate_TinyScale_WritesTheProportionalCountOnTheTerritoryDeterministically(Provider provider)
    {
        await using var first = await WithTerritoryAsync(provider);
        await using var second = await WithTerritoryAsync(provider);

        var (result, numbers) = await GenerateAsync(first, 0.0002);
        var (_, again) = await GenerateAsync(second, 0.0002);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(540, result.Demands); // 2.7 million × 0.0002
        Assert.Equal(540, numbers.Count);
        Assert.Equal(numbers, again);
        await using var db = first.NewContext();
        var communes = await db.Communes.Select(c => c.Code).ToListAsync();
        Assert.All(await db.Demands.Select(d => d.FirstCommuneCode).Distinct().ToListAsync(), c => Assert.Contains(c, communes));
        var active = await db.Demands.CountAsync(d => d.Status == DemandStatus.Active);
        Assert.InRange(active, 540 * 0.70, 540 * 0.95); // ≈ 85 % active on 31 December 2025 (some housed in 2026)
        Assert.InRange(await db.Demands.CountAsync(d => d.IsMutation), 540 * 0.2, 540 * 0.4); // ≈ 30 % mutations
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generate_IntoADatabaseWithDemandsOrWithoutTerritory_IsRefusedWithTheReason(Provider provider)
    {
        await using var empty = await TestDatabase.CreateAsync(provider);
        Assert.Contains("territoire de référence", (await GenerateAsync(empty, 0.0001)).Result.Message, StringComparison.Ordinal);

        await using var database = await WithTerritoryAsync(provider);
        Assert.True((await GenerateAsync(database, 0.0001)).Result.Succeeded);
        var again = (await GenerateAsync(database, 0.0001)).Result;
        Assert.False(again.Succeeded);
        Assert.Contains("base qui lui est dédiée", again.Message, StringComparison.Ordinal);
        Assert.False((await GenerateAsync(database, 1.5)).Result.Succeeded);
    }

    private sealed class SynchronousProgress(Action<GenerateNationalDataset.Progress> report) : IProgress<GenerateNationalDataset.Progress>
    {
        public void Report(GenerateNationalDataset.Progress value) => report(value);
    }
}
