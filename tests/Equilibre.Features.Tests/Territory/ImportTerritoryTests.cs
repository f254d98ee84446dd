using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Territory;

public sealed class ImportTerritoryTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_Epci_DerivesDepartementsAndRegionFromMembers(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var run = await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(Make.TerritoryFolder(), 2026));

        Assert.True(run.Succeeded, run.Failure);
        await using var check = database.NewContext();
        var saintDizier = await check.Epcis.SingleAsync(e => e.Siren == "200068666");
        Assert.Equal("51,52", saintDizier.DepartementCodes);
        Assert.Equal("52", saintDizier.MainDepartementCode); // Saint-Dizier outweighs Cheminon
        Assert.Equal("44", saintDizier.RegionCode);
        Assert.Equal(2, saintDizier.MemberCount);
        Assert.Equal("200067213", (await check.Communes.SingleAsync(c => c.Code == "51454")).EpciSiren);
        Assert.False(await check.Communes.AnyAsync(c => c.Code == "51999")); // delegated communes are not current communes
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_CommuneGoneInNewMillesime_IsClosedNotDeleted(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(Make.TerritoryFolder(), 2026));
        }

        var withoutCheminon = Make.TerritoryFolder(
            Make.Communes.Where(c => c.Code != "51144"),
            Make.Epcis.Select(e => e with { Members = [.. e.Members.Where(m => m != "51144")] }));
        await using (var db = database.NewContext())
        {
            var run = await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(withoutCheminon, 2027));
            Assert.True(run.Succeeded, run.Failure);
            Assert.Equal(1, run.Removed);
        }

        await using var check = database.NewContext();
        var cheminon = await check.Communes.SingleAsync(c => c.Code == "51144");
        Assert.Equal(new DateOnly(2026, 12, 31), cheminon.ValidTo);
        Assert.Equal("52", (await check.Epcis.SingleAsync(e => e.Siren == "200068666")).DepartementCodes);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MalformedJson_RefusesAndWritesNothing(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var folder = Make.TerritoryFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "epci.json"), "[{\"code\": \"200067213\", \"nom\": ");
        await using var db = database.NewContext();

        var run = await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(folder, 2026));

        Assert.False(run.Succeeded);
        Assert.StartsWith("epci.json : JSON invalide ligne 1", run.Failure, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.False(await check.Regions.AnyAsync());
        Assert.False(await check.Communes.AnyAsync());
        Assert.Equal(1, await check.ImportRuns.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MemberThatIsNotACommune_RejectsTheFileWithTheReason(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var folder = Make.TerritoryFolder(Make.Communes.Where(c => c.Code != "51573"), []);
        var epci = "[{\"code\":\"200067213\",\"nom\":\"CU du Grand Reims\",\"type\":\"CU\",\"membres\":[{\"code\":\"51454\",\"nom\":\"Reims\"},{\"code\":\"51573\",\"nom\":\"Tinqueux\"}]}]";
        await File.WriteAllTextAsync(Path.Combine(folder, "epci.json"), epci);
        await using var db = database.NewContext();

        var run = await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(folder, 2026));

        Assert.False(run.Succeeded);
        var rejection = Assert.Single(run.Issues);
        Assert.Contains("la commune membre 51573 Tinqueux n'est pas une commune actuelle", rejection.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.False(await check.Communes.AnyAsync());
    }
}
