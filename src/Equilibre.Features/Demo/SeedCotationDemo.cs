using Equilibre.Domain.Cotation;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Demo;

/// <summary>
/// Demo grids: the Grand Reims gets the cumulative sample grid (Rhône-like) and Troyes the automatic-and-justified one
/// (Dunkerque-like), both labelled « Exemple » and published from 1 January of the demo year, then every demo demand
/// is scored. Idempotent: a territory that already has a grid is left alone.
/// </summary>
public sealed class SeedCotationDemo(EquilibreDb db, TimeProvider clock, ScoreDemands scoring)
{
    public async Task<long> HandleAsync(CancellationToken ct = default)
    {
        var today = FrenchTime.Today(clock);
        var start = new DateOnly(today.Year, 1, 1);
        var grids = new[]
        {
            SampleGrids.Cumulative(DemoTerritory.GrandReimsSiren, start),
            SampleGrids.AutomaticAndJustified(DemoTerritory.TroyesSiren, start),
        };
        var created = 0;
        foreach (var grid in grids)
        {
            if (await db.CotationGrids.AnyAsync(g => g.Territory == grid.Territory, ct))
            {
                continue;
            }

            var record = new CotationGridRecord { Territory = grid.Territory, Label = "", Content = "", UpdatedBy = "démonstration", UpdatedAt = clock.GetUtcNow(), Revision = 1 };
            CotationGridJson.Apply(record, grid with { PublishedOn = start.AddDays(-15) });
            db.CotationGrids.Add(record);
            created++;
        }

        await db.SaveChangesAsync(ct);
        return created == 0 ? 0 : (await scoring.RunAsync(null, ct)).Scored;
    }
}
