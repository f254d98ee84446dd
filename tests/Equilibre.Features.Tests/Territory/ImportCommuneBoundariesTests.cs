using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Territory;

public sealed class ImportCommuneBoundariesTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_CodeOfAMergedCommune_IsKeptAndReported(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(Make.TerritoryFolder(), 2026));
        }

        await using (var db = database.NewContext())
        {
            // 08300 Mont-Dieu exists in the COG 2018 boundaries, merged since
            var run = await new ImportCommuneBoundaries(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportCommuneBoundaries.Request(Make.BoundariesFolder("51454", "08300")));

            Assert.True(run.Succeeded, run.Failure);
            Assert.Equal(2, run.Created);
            var warning = Assert.Single(run.Issues);
            Assert.False(warning.IsRejection);
            Assert.Contains("08300", warning.Message, StringComparison.Ordinal);
        }

        await using var check = database.NewContext();
        Assert.True((await check.CommuneBoundaries.SingleAsync(b => b.CommuneCode == "51454")).MatchesCurrentCommune);
        Assert.False((await check.CommuneBoundaries.SingleAsync(b => b.CommuneCode == "08300")).MatchesCurrentCommune);
        var geojson = await new GetEpciBoundaries(check).HandleAsync("200067213");
        Assert.Contains("\"code\":\"51454\"", geojson, StringComparison.Ordinal);
        Assert.Contains("\"sansContour\":[\"51573\"]", geojson, StringComparison.Ordinal);
    }
}
