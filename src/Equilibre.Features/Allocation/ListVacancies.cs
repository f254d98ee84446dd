using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The vacancies the user sees (<see cref="AllocationAccess"/>: a bailleur its own, a réservataire those oriented to it, a
/// territory those of its territory), filtered by state, commune, bailleur, réservataire and flux year, newest first, in
/// pages; with the count per state under the other filters (the tabs of the page) and whether the user may declare one.
/// </summary>
public sealed class ListVacancies(EquilibreDb db)
{
    public sealed record Request(VacancyState? State = null, string? Commune = null, long? BailleurId = null, long? ReservataireId = null, int? Year = null, int Page = 1, int PageSize = 50);

    public sealed record Item(
        long Id, long DwellingId, string RplsId, string CommuneCode, string? CommuneName, int Rooms, bool? InQpv, VacancyState State, string StateLabel,
        string? BailleurName, string? ReservataireName, DateOnly DeclaredOn, DateOnly AvailableOn, DateOnly? DesignationDeadline, bool Returned, int FluxYear);

    public sealed record Choice(long Id, string Name);

    public sealed record Result(
        IReadOnlyList<Item> Items, int Total, int Page, int Pages, IReadOnlyDictionary<VacancyState, int> Counts, AllocationScope Scope, bool CanDeclare,
        IReadOnlyList<Choice> Bailleurs, IReadOnlyList<Choice> Reservataires);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var query = db.Vacancies.AsNoTracking().Visible(scope);
        if (!string.IsNullOrWhiteSpace(request.Commune))
        {
            var commune = request.Commune.Trim();
            query = query.Where(v => v.CommuneCode == commune);
        }

        if (request.BailleurId is { } bailleur)
        {
            query = query.Where(v => v.BailleurId == bailleur);
        }

        if (request.ReservataireId is { } reservataire)
        {
            query = query.Where(v => v.ReservataireOrganisationId == reservataire);
        }

        if (request.Year is { } year)
        {
            query = query.Where(v => v.FluxYear == year);
        }

        var counts = (await query.GroupBy(v => v.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => g.Key, g => g.Count);
        if (request.State is { } state)
        {
            query = query.Where(v => v.State == state);
        }

        var pageSize = Math.Clamp(request.PageSize, 1, 500);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(request.Page, 1, pages);
        var rows = await query.OrderByDescending(v => v.DeclaredOn).ThenByDescending(v => v.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(v => new
            {
                Vacancy = v,
                Rpls = db.Dwellings.Where(d => d.Id == v.DwellingId).Select(d => d.RplsId).FirstOrDefault(),
                Commune = db.Communes.Where(c => c.Code == v.CommuneCode && c.ValidTo == null).Select(c => c.Name).FirstOrDefault(),
                Bailleur = db.Bailleurs.Where(b => b.Id == v.BailleurId).Select(b => b.Name).FirstOrDefault(),
                Reservataire = db.Organisations.Where(o => o.Id == v.ReservataireOrganisationId).Select(o => o.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var items = rows.Select(r => new Item(r.Vacancy.Id, r.Vacancy.DwellingId, r.Rpls ?? "", r.Vacancy.CommuneCode, r.Commune, r.Vacancy.Rooms, r.Vacancy.InQpv,
            r.Vacancy.State, VacancyWorkflow.Label(r.Vacancy.State), r.Bailleur, r.Reservataire, r.Vacancy.DeclaredOn, r.Vacancy.AvailableOn,
            r.Vacancy.DesignationDeadline, r.Vacancy.Returned, r.Vacancy.FluxYear)).ToList();

        var visible = db.Vacancies.AsNoTracking().Visible(scope);
        var bailleurs = await db.Bailleurs.AsNoTracking().Where(b => visible.Any(v => v.BailleurId == b.Id)).OrderBy(b => b.Name)
            .Select(b => new Choice(b.Id, b.Name)).ToListAsync(ct);
        var reservataires = await db.Organisations.AsNoTracking().Where(o => visible.Any(v => v.ReservataireOrganisationId == o.Id)).OrderBy(o => o.Name)
            .Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        var canDeclare = scope.IsAdministrator || (scope.Kind == AllocationScopeKind.Bailleur && scope.ActsAsBailleur);
        return new Result(items, total, page, pages, counts, scope, canDeclare, bailleurs, reservataires);
    }
}
