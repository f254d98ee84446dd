using Equilibre.Domain.Applications;
using Equilibre.Features.Demo.National;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Demo;

/// <summary>The national generator (issue 8) at a tiny scale on the test territory: proportional, deterministic, refuses a used database.</summary>
public sealed class GenerateNationalDatasetTests
{
    private static async Task<(GenerateNationalDataset.Result Result, List<string> Numbers)> GenerateAsync(TestDatabase database, double scale, string? files = null)
    {
        await using var services = TestServices.For(database);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Equilibre.Features.Data.EquilibreDb>();
        var handler = scope.ServiceProvider.GetRequiredService<GenerateNationalDataset>();
        var parts = new List<GenerateNationalDataset.Progress>();
        var result = await handler.HandleAsync(new GenerateNationalDataset.Request(scale, files), new SynchronousProgress(parts.Add));
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
        Assert.Equal(640, result.Demands); // 3.2 million × 0.0002
        Assert.Equal(640, numbers.Count);
        Assert.Equal(numbers, again);
        await using var db = first.NewContext();
        var communes = await db.Communes.Select(c => c.Code).ToListAsync();
        Assert.All(await db.Demands.Select(d => d.FirstCommuneCode).Distinct().ToListAsync(), c => Assert.Contains(c, communes));
        var active = await db.Demands.CountAsync(d => d.Status == DemandStatus.Active);
        Assert.InRange(active, 640 * 0.75, 640 * 0.92); // ≈ 84.5 % active today (2.7 M of 3.2 M at scale 1)
        Assert.InRange(await db.Demands.CountAsync(d => d.IsMutation), 640 * 0.2, 640 * 0.4); // ≈ 30 % mutations
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

    /// <summary>
    /// The stock (5.4 M × scale dwellings, 31 % in QPV) and the leases (420,000 × scale, the demands radiated RADATT
    /// first) go through the real importers: every generated line is accepted.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generate_TinyScale_LoadsStockAndLeasesThroughTheImporters(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);

        var (result, _) = await GenerateAsync(database, 0.0005);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((1600, 2700, 210), (result.Demands, result.Dwellings, result.Leases));
        await using var db = database.NewContext();
        Assert.Equal(2700, await db.Dwellings.CountAsync());
        var inQpv = await db.Dwellings.Join(db.Residences, d => d.ResidenceId, r => r.Id, (d, r) => r.QpvCode).CountAsync(q => q != null && q != "");
        Assert.InRange(inQpv, 2700 * 0.15, 2700 * 0.50); // 31 % of the dwellings, drawn by résidence
        Assert.Equal(210, await db.Leases.CountAsync(l => l.Imported));
        var housed = await db.Leases.CountAsync(l => l.DemandId != null);
        var radiatedForLease = await db.Demands.CountAsync(d => d.Radiation == RadiationReason.Allocation);
        Assert.InRange(housed, radiatedForLease * 0.9, radiatedForLease); // a demand of an EPCI without dwelling drawn stays unhoused
        Assert.Equal(210, await db.Leases.Select(l => l.DwellingId).Distinct().CountAsync());
        Assert.Equal(0, await db.Leases.CountAsync(l => l.Qpv == null)); // the quartiers référentiel is loaded
    }

    /// <summary>With a folder, the same data is written in the import formats, byte for byte the same on every run, and each file imports.</summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generate_Files_WritesTheImportFormatsDeterministically(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        var (first, second) = (Make.TempFolder(), Make.TempFolder());

        var (result, numbers) = await GenerateAsync(database, 0.0002, first);
        await GenerateAsync(database, 0.0002, second);

        Assert.True(result.Succeeded, result.Message);
        Assert.Empty(numbers); // nothing written to the registry
        string[] files = ["demandes.xml", "rpls_2026.csv", "quartiers.csv", "attributions.csv"];
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first, f)), File.ReadAllBytes(Path.Combine(second, f))));
        Assert.Equal(result.Leases + 1, File.ReadLines(Path.Combine(first, "attributions.csv")).Count());

        await using var services = TestServices.For(database);
        await using var scope = services.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var demands = await s.GetRequiredService<Equilibre.Features.Applications.ImportDemands>()
            .HandleAsync(new(Path.Combine(first, "demandes.xml")), Equilibre.Features.Organisations.CurrentUser.CommandLine);
        Assert.True(demands.Succeeded, demands.Failure + string.Join(" | ", demands.Issues.Take(3).Select(i => i.Message)));
        Assert.Equal(640, demands.Created);
        Assert.True((await s.GetRequiredService<Equilibre.Features.Stock.ImportPriorityAreas>().HandleAsync(new(Path.Combine(first, "quartiers.csv")))).Succeeded);
        Assert.True((await s.GetRequiredService<Equilibre.Features.Stock.ImportRpls>().HandleAsync(new(Path.Combine(first, "rpls_2026.csv")))).Succeeded);
        var leases = await s.GetRequiredService<Equilibre.Features.Allocation.ImportAttributions>()
            .HandleAsync(new(Path.Combine(first, "attributions.csv"), Equilibre.Features.Organisations.CurrentUser.CommandLine));
        Assert.True(leases.Succeeded, leases.Failure + string.Join(" | ", leases.Issues.Take(3).Select(i => i.Message)));
        Assert.Equal(result.Leases, leases.Created);
    }

    private sealed class SynchronousProgress(Action<GenerateNationalDataset.Progress> report) : IProgress<GenerateNationalDataset.Progress>
    {
        public void Report(GenerateNationalDataset.Progress value) => report(value);
    }
}
