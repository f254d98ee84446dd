using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>The CALEOL sessions the user sees (its bailleur's; all for the administrator and State services), latest first, with their agenda size and decisions so far.</summary>
public sealed class ListCaleolSessions(EquilibreDb db)
{
    public sealed record Item(CaleolSession Session, string Bailleur, int Dwellings, int Decisions);

    public sealed record Result(IReadOnlyList<Item> Items, AllocationScope Scope, bool CanCreate);

    public async Task<Result> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var sessions = await db.CaleolSessions.AsNoTracking().Visible(scope).OrderByDescending(s => s.Date).ThenByDescending(s => s.Id).Take(500).ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var organisations = sessions.Select(s => s.BailleurOrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var decisions = await db.CaleolDecisions.AsNoTracking().Where(d => ids.Contains(d.SessionId)).GroupBy(d => d.SessionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var canCreate = scope.IsAdministrator || (scope.Kind == AllocationScopeKind.Bailleur && (scope.ActsAsBailleur || scope.SitsInCaleol));
        return new Result(
            [.. sessions.Select(s => new Item(s, names.GetValueOrDefault(s.BailleurOrganisationId, "?"), CaleolAgenda.Ids(s).Count, decisions.GetValueOrDefault(s.Id)))],
            scope, canCreate);
    }
}
