using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>The priority areas of a commune, with whether each counts as QPV for the targets on a date.</summary>
public sealed class ListPriorityAreas(EquilibreDb db)
{
    public sealed record Item(PriorityAreaEntry Area, QpvStatusResult StatusOnDate);

    public async Task<IReadOnlyList<Item>> HandleAsync(string communeCode, DateOnly date, QpvRuleSettings settings, CancellationToken ct = default)
    {
        var areas = await db.PriorityAreas.AsNoTracking().Where(a => a.CommuneCode == communeCode).ToListAsync(ct);
        return [.. areas.OrderBy(a => a.Kind).ThenBy(a => a.Name, StringComparer.Create(Domain.French.Culture, ignoreCase: true)).ThenBy(a => a.ValidFrom)
            .Select(a => new Item(a, QpvStatus.ForTargets([a.ToDomain()], date, settings)))];
    }
}
