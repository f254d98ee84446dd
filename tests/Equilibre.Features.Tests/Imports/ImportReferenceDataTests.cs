using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Equilibre.Features.Data;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Imports;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Imports;

/// <summary>The real reference files of data/reference and @etalab/decoupage-administratif 6.0.0, end to end.</summary>
public sealed class ImportReferenceDataTests
{
    private static ImportReferenceData Handler(EquilibreDb db, IBulkLoader bulk)
    {
        var clock = Make.Clock();
        return new ImportReferenceData(new ImportTerritory(db, clock, bulk), new ImportQ1Thresholds(db, clock), new ImportResourceCeilings(db, clock), new ImportCommuneBoundaries(db, clock, bulk));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_RealFilesTwice_GivesTheSameDatabase(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        IReadOnlyList<ImportRun> first;
        await using (var db = database.NewContext())
        {
            first = await Handler(db, database.BulkLoader).HandleAsync(new ImportReferenceData.Request(Make.RealReferenceFiles()));
        }

        Assert.All(first, r => Assert.True(r.Succeeded, r.Failure));
        var snapshot = await SnapshotAsync(database);

        IReadOnlyList<ImportRun> second;
        await using (var db = database.NewContext())
        {
            second = await Handler(db, database.BulkLoader).HandleAsync(new ImportReferenceData.Request(Make.RealReferenceFiles()));
        }

        Assert.Equal(snapshot, await SnapshotAsync(database));
        Assert.All(second, r =>
        {
            Assert.True(r.Succeeded, r.Failure);
            Assert.Equal((0, 0, 0), (r.Created, r.Updated, r.Removed));
            Assert.Equal(r.Read, r.Unchanged);
        });

        // Published figures of the files (COG 2026: 34 969 current communes, 1 255 EPCI + 11 EPT).
        await using var check = database.NewContext();
        Assert.Equal(34969, await check.Communes.CountAsync());
        Assert.Equal(1266, await check.Epcis.CountAsync());
        Assert.Equal(1391, await check.Q1Thresholds.CountAsync());
        Assert.Equal(236, await check.ResourceCeilings.CountAsync());
        Assert.Equal(5132, await check.CommuneBoundaries.CountAsync());
        var unmatched = await check.Q1Thresholds.Where(t => t.EpciSiren == null).Select(t => t.PublishedEpciName).Distinct().ToListAsync();
        Assert.Contains("Thionville Fensch Agglomération", unmatched);
        Assert.Contains("Paris", unmatched);
        var thresholds = first.Single(r => r.Kind == ImportQ1Thresholds.Kind);
        Assert.Equal(await check.Q1Thresholds.CountAsync(t => t.EpciSiren == null), thresholds.Issues.Count(i => !i.IsRejection));
    }

    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var text = new StringBuilder();
        foreach (var c in await db.Communes.OrderBy(c => c.Code).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.Code}|{c.Name}|{c.DepartementCode}|{c.RegionCode}|{c.EpciSiren}|{c.EptSiren}|{c.Population}|{c.PostalCodes}|{c.ValidFrom}|{c.ValidTo}\n");
        }

        foreach (var e in await db.Epcis.OrderBy(e => e.Siren).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Siren}|{e.Name}|{e.Kind}|{e.Population}|{e.DepartementCodes}|{e.MainDepartementCode}|{e.RegionCode}|{e.MemberCount}|{e.ValidTo}\n");
        }

        foreach (var t in await db.Q1Thresholds.OrderBy(t => t.Year).ThenBy(t => t.DepartementCode).ThenBy(t => t.PublishedEpciName).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"{t.Id}|{t.Year}|{t.DepartementCode}|{t.PublishedEpciName}|{t.EpciSiren}|{t.AmountPerUcPerYear}|{t.Source}\n");
        }

        foreach (var c in await db.ResourceCeilings.OrderBy(c => c.Id).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.Id}|{c.EffectiveFrom}|{c.Financing}|{c.Zone}|{c.Category}|{c.Amount}|{c.Status}\n");
        }

        foreach (var b in await db.CommuneBoundaries.OrderBy(b => b.CommuneCode).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"{b.CommuneCode}|{b.MatchesCurrentCommune}|{b.GeometryJson.Length}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
