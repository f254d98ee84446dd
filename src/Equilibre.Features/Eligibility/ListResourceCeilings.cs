using Equilibre.Domain.Eligibility;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Eligibility;

/// <summary>The ceilings table in force on 1 January of a year, per financing, zone and category, with each value's status.</summary>
public sealed class ListResourceCeilings(EquilibreDb db, TimeProvider clock)
{
    public sealed record Result(int Year, IReadOnlyList<int> Years, IReadOnlyList<ResourceCeiling> InForce);

    public async Task<Result> HandleAsync(int? year, CancellationToken ct = default)
    {
        var table = (await db.ResourceCeilings.AsNoTracking().ToListAsync(ct)).Select(c => c.ToDomain()).ToList();
        var years = table.Select(c => c.EffectiveFrom.Year).Distinct().OrderDescending().ToList();
        var chosen = year ?? (years.Count > 0 ? years[0] : clock.GetUtcNow().Year);
        var asOf = new DateOnly(chosen, 12, 31);
        var inForce = table.Where(c => c.EffectiveFrom <= asOf)
            .GroupBy(c => (c.Financing, c.Zone, c.Category))
            .Select(g => g.MaxBy(c => c.EffectiveFrom)!)
            .OrderBy(c => c.Financing).ThenBy(c => c.Zone).ThenBy(c => c.Category ?? 7)
            .ToList();
        return new Result(chosen, years, inForce);
    }
}
