using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>Queries shared by the reform use cases: the EPCIs subject to the reform in a year, and their records.</summary>
internal static class ReformData
{
    /// <summary>
    /// EPCIs listed in the Q1 arrêté of <paramref name="year"/> (null when no arrêté of that year is loaded), counted in
    /// their main département (the one holding most of their population) and its région.
    /// </summary>
    public static async Task<List<ReformEpci>?> SubjectEpcisAsync(EquilibreDb db, int year, CancellationToken ct)
    {
        if (!await db.Q1Thresholds.AnyAsync(t => t.Year == year, ct))
        {
            return null;
        }

        var sirens = db.Q1Thresholds.Where(t => t.Year == year && t.EpciSiren != null).Select(t => t.EpciSiren);
        return await db.Epcis.AsNoTracking().Where(e => sirens.Contains(e.Siren))
            .Select(e => new ReformEpci(e.Siren, e.Name, e.MainDepartementCode, e.RegionCode))
            .ToListAsync(ct);
    }

    /// <summary>Every record of the given EPCIs (all of them when null), as domain records.</summary>
    public static async Task<List<InstrumentRecord>> RecordsAsync(EquilibreDb db, IReadOnlyCollection<string>? sirens, CancellationToken ct)
    {
        var query = db.ReformRecords.AsNoTracking();
        if (sirens is not null)
        {
            query = query.Where(r => sirens.Contains(r.EpciSiren));
        }

        return (await query.ToListAsync(ct)).Select(r => r.ToDomain()).ToList();
    }

    /// <summary>The subset of <paramref name="epcis"/> in a région and/or département (null = no filter).</summary>
    public static List<ReformEpci> Within(IEnumerable<ReformEpci> epcis, string? regionCode, string? departementCode) =>
        [.. epcis.Where(e => (regionCode is null || e.RegionCode == regionCode) && (departementCode is null || e.DepartementCode == departementCode))];
}
