using Equilibre.Domain.Eligibility;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Eligibility;

/// <summary>
/// The ceilings of a year, per financing, zone and category, with each value's status; a cell the sources do not
/// give for that year is listed as missing with the last known value (never carried forward as in force).
/// </summary>
public sealed class ListResourceCeilings(EquilibreDb db, TimeProvider clock)
{
    /// <summary>A cell missing for the year, with the last value known before it, if any.</summary>
    public sealed record Missing(Financing Financing, CeilingZone Zone, int? Category, ResourceCeiling? LastKnown);

    public sealed record Result(int Year, IReadOnlyList<int> Years, IReadOnlyList<ResourceCeiling> InForce, IReadOnlyList<Missing> MissingCells);

    public async Task<Result> HandleAsync(int? year, CancellationToken ct = default)
    {
        var table = (await db.ResourceCeilings.AsNoTracking().ToListAsync(ct)).Select(c => c.ToDomain()).ToList();
        var years = table.Select(c => c.EffectiveFrom.Year).Distinct().OrderDescending().ToList();
        var chosen = year ?? (years.Count > 0 ? years[0] : clock.GetUtcNow().Year);
        var cells = table.GroupBy(c => (c.Financing, c.Zone, c.Category)).OrderBy(g => g.Key.Financing).ThenBy(g => g.Key.Zone).ThenBy(g => g.Key.Category ?? 7).ToList();
        var inForce = cells.Select(g => ResourceCeilings.InForce(g, g.Key.Category, chosen)).OfType<ResourceCeiling>().ToList();
        var missing = cells.Where(g => ResourceCeilings.InForce(g, g.Key.Category, chosen) is null)
            .Select(g => new Missing(g.Key.Financing, g.Key.Zone, g.Key.Category, g.Where(c => c.EffectiveFrom.Year < chosen).MaxBy(c => c.EffectiveFrom)))
            .ToList();
        return new Result(chosen, years, inForce, missing);
    }
}
