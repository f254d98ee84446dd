using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Territory;

/// <summary>Régions and départements for filter lists, and the years for which Q1 arrêtés are held.</summary>
public sealed class ListTerritoryFilters(EquilibreDb db)
{
    public sealed record Result(IReadOnlyList<(string Code, string Name)> Regions, IReadOnlyList<(string Code, string Name, string RegionCode)> Departements, IReadOnlyList<int> ThresholdYears);

    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        var regions = await db.Regions.AsNoTracking().Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var departements = await db.Departements.AsNoTracking().Select(d => new { d.Code, d.Name, d.RegionCode }).ToListAsync(ct);
        var years = await db.Q1Thresholds.Select(t => t.Year).Distinct().ToListAsync(ct);
        var collation = StringComparer.Create(Domain.French.Culture, ignoreCase: true);
        return new Result(
            [.. regions.OrderBy(r => r.Name, collation).Select(r => (r.Code, r.Name))],
            [.. departements.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => (d.Code, d.Name, d.RegionCode))],
            [.. years.OrderDescending()]);
    }
}
