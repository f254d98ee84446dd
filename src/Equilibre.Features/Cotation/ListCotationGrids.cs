using Equilibre.Domain.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Cotation;

/// <summary>The versions of a territory's grids (published ones for everyone, drafts for its editors), with the one in force.</summary>
public sealed class ListCotationGrids(EquilibreDb db, TimeProvider clock)
{
    public sealed record Item(long Id, int Version, GridScope Scope, string Label, DateOnly ValidFrom, DateOnly? ValidTo, DateOnly? PublishedOn, bool IsExample,
        bool InForce, DateTimeOffset UpdatedAt, string UpdatedBy);

    public sealed record Result(string Territory, string? TerritoryName, bool CanEdit, IReadOnlyList<Item> Grids);

    public async Task<Result> HandleAsync(string territory, CurrentUser? user, CancellationToken ct = default)
    {
        var canEdit = user is not null && CotationAccess.CanEdit(user, territory);
        var name = await db.Epcis.Where(e => e.Siren == territory).Select(e => e.Name).FirstOrDefaultAsync(ct);
        var records = await db.CotationGrids.AsNoTracking()
            .Where(g => g.Territory == territory && (canEdit || g.PublishedOn != null))
            .OrderByDescending(g => g.Version).ToListAsync(ct);
        var today = FrenchTime.Today(clock);
        var domain = records.Select(r => r.ToDomain()).ToList();
        var inForce = new[] { GridScope.General, GridScope.Mutation }
            .Select(s => CotationGrids.InForce(domain, territory, s, today)).OfType<CotationGrid>()
            .Select(g => (g.Scope, g.Version)).ToHashSet();
        return new Result(territory, name, canEdit, [.. records.Select(r => new Item(r.Id, r.Version, r.Scope, r.Label, r.ValidFrom, r.ValidTo, r.PublishedOn,
            r.IsExample, inForce.Contains((r.Scope, r.Version)), r.UpdatedAt, r.UpdatedBy))]);
    }
}
