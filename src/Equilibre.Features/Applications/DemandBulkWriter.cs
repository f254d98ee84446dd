using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>
/// Inserts many new demands, their wished communes and history through <see cref="IBulkLoader"/> (PostgreSQL binary
/// COPY, SQLite prepared inserts), in the caller's transaction: the demo, the national generator and large imports
/// use it where EF's change tracking would cost seconds. Keys are assigned here, after the table is locked on
/// PostgreSQL so that a concurrent writer waits instead of colliding.
/// </summary>
public sealed class DemandBulkWriter(IBulkLoader loader)
{
    public async Task<int> InsertAsync(EquilibreDb db, IReadOnlyList<(Demand Demand, IReadOnlyList<DemandEvent> Events)> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"Demands\" IN SHARE ROW EXCLUSIVE MODE", ct);
        }

        var next = (await db.Demands.MaxAsync(d => (long?)d.Id, ct) ?? 0) + 1;
        foreach (var (demand, events) in rows)
        {
            demand.Id = next++;
            foreach (var w in demand.Wishes)
            {
                w.DemandId = demand.Id;
            }

            foreach (var e in events)
            {
                e.DemandId = demand.Id;
            }
        }

        await loader.LoadAsync<Demand, Demand>(db, BulkColumns.Of<Demand>(db, withGeneratedKey: true), rows.Select(r => r.Demand), ct);
        await loader.LoadAsync<DemandWish, DemandWish>(db, BulkColumns.Of<DemandWish>(db, withGeneratedKey: true), rows.SelectMany(r => r.Demand.Wishes), ct);
        await loader.LoadAsync<DemandEvent, DemandEvent>(db, BulkColumns.Of<DemandEvent>(db, withGeneratedKey: false), rows.SelectMany(r => r.Events), ct);
        await BulkColumns.ResetIdentityAsync<Demand>(db, ct);
        return rows.Count;
    }
}
