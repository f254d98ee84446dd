using Equilibre.Domain.Eligibility;
using Equilibre.Features.Data;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Data;

/// <summary>Both real bulk loaders: values round-trip through the model's conversions; the caller's transaction decides.</summary>
public sealed class BulkLoaderTests
{
    private static readonly BulkColumn<ResourceCeilingEntry>[] Columns =
    [
        new(nameof(ResourceCeilingEntry.EffectiveFrom), c => c.EffectiveFrom), new(nameof(ResourceCeilingEntry.Financing), c => c.Financing),
        new(nameof(ResourceCeilingEntry.Zone), c => c.Zone), new(nameof(ResourceCeilingEntry.Category), c => c.Category),
        new(nameof(ResourceCeilingEntry.Amount), c => c.Amount), new(nameof(ResourceCeilingEntry.Status), c => c.Status),
        new(nameof(ResourceCeilingEntry.StatusText), c => c.StatusText), new(nameof(ResourceCeilingEntry.Reference), c => c.Reference),
        new(nameof(ResourceCeilingEntry.Note), c => c.Note),
    ];

    private static IEnumerable<ResourceCeilingEntry> Rows(int count) => Enumerable.Range(0, count).Select(i => new ResourceCeilingEntry
    {
        EffectiveFrom = new DateOnly(2000, 1, 1).AddDays(i),
        Financing = (Financing)(i % 3),
        Zone = CeilingZone.OtherRegions,
        Category = i % 7 == 6 ? null : (i % 7) + 1,
        Amount = 12345.67m + i,
        Status = CeilingStatus.Derived,
        StatusText = "dérivé « test »",
        Reference = i % 2 == 0 ? null : "https://exemple.test/" + i,
        Note = null,
    });

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Load_InACommittedTransaction_WritesEveryRowAsEfReadsIt(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var written = await database.BulkLoader.LoadAsync<ResourceCeilingEntry, ResourceCeilingEntry>(db, Columns, Rows(5000));
            await transaction.CommitAsync();
            Assert.Equal(5000, written);
        }

        await using var check = database.NewContext();
        Assert.Equal(5000, await check.ResourceCeilings.CountAsync());
        var row = await check.ResourceCeilings.SingleAsync(c => c.EffectiveFrom == new DateOnly(2000, 1, 1).AddDays(4001));
        Assert.Equal((Financing.Pls, (int?)5, 16346.67m, CeilingStatus.Derived, "dérivé « test »", "https://exemple.test/4001"),
            (row.Financing, row.Category, row.Amount, row.Status, row.StatusText, row.Reference));
        Assert.Equal(714, await check.ResourceCeilings.CountAsync(c => c.Category == null)); // i = 6, 13, … 4 997
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Load_InARolledBackImport_LeavesNothing(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            var run = await ImportTransaction.RunAsync(db, Make.Clock(), "test", "test", null, async (r, ct) =>
            {
                await database.BulkLoader.LoadAsync<ResourceCeilingEntry, ResourceCeilingEntry>(db, Columns, Rows(1000), ct);
                throw new ImportFileException("refus volontaire après le chargement");
            }, default);
            Assert.False(run.Succeeded);
        }

        await using var check = database.NewContext();
        Assert.False(await check.ResourceCeilings.AnyAsync());
    }
}
