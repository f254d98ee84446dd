using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Data;

/// <summary>
/// The data version the in-memory caches compare (<see cref="Public.KeyFiguresCache"/>, <see cref="Targets.LeaseFactsCache"/>):
/// the highest id of a few append-only tables, one statement of primary-key maxima (≈1 ms on the national database).
/// It holds because every change those caches read appends a row to one of the tables, in the same transaction or
/// after it: a lease is only inserted, by <see cref="Allocation.SignLease"/> or by an import, and only an import
/// changes one; an import records its <see cref="Imports.ImportRun"/> after committing its data
/// (<see cref="Imports.ImportTransaction"/>); a demand's every change appends a <see cref="Applications.DemandEvent"/>. A reader reads the version before the data, so what it caches
/// is never older than the version it is stored under.
/// </summary>
public static class DataVersion
{
    /// <summary>"12.40031.7" : the maxima of the tables of <paramref name="entities"/>, in order (0 for an empty table).</summary>
    public static async Task<string> MaxIdsAsync(EquilibreDb db, IReadOnlyList<Type> entities, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entities);
        var maxima = entities.Select(e => $"CAST(COALESCE((SELECT MAX(\"Id\") FROM \"{db.Model.FindEntityType(e)!.GetTableName()}\"), 0) AS TEXT)");
        var sql = $"SELECT {string.Join(" || '.' || ", maxima)} AS \"Value\"";
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync(ct))[0];
    }
}
