using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The reservation conventions the user sees (<see cref="AllocationAccess"/>: a bailleur its own, a réservataire those it
/// holds, a territory those of its département), with what the form needs to write one: the bailleurs the user writes
/// for (only a bailleur for its own bailleurs, or an administrator) and the organisations that may hold reservations
/// (R441-5: State, collectivités, EPCI, employers, Action Logement, organismes à caractère désintéressé).
/// </summary>
public sealed class ListConventions(EquilibreDb db)
{
    public sealed record Request(long? BailleurId = null, long? ConventionId = null);

    public sealed record Row(
        ReservationConventionRecord Record, string BailleurName, string ReservataireName, string Share, string Perimeter, string Typologies, bool CanEdit);

    public sealed record Choice(long Id, string Name);

    public sealed record Result(IReadOnlyList<Row> Items, AllocationScope Scope, bool CanWrite, IReadOnlyList<Choice> Bailleurs, IReadOnlyList<Choice> Reservataires, Row? Selected);

    private static readonly OrganisationKind[] HolderKinds =
        [OrganisationKind.Reservataire, OrganisationKind.Commune, OrganisationKind.Epci, OrganisationKind.ServicesEtat];

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var query = db.ReservationConventions.Visible(scope);
        if (request.BailleurId is { } bailleur)
        {
            query = query.Where(c => c.BailleurId == bailleur);
        }

        var named = await FluxFigures.NamedAsync(db, query, ct);
        var rows = named.Select(c => new Row(c.Record, c.BailleurName, c.ReservataireName, c.Domain.Share.Describe()
                + (c.Record.StateAgentsRatePercent is { } a ? French.Format($", dont {a:0.##} % pour les agents de l'État") : ""),
            c.Domain.Perimeter.Describe(),
            c.Domain.Typologies.Count == 0 ? "aucun" : string.Join(", ", c.Domain.Typologies.Select(t => French.Format($"{t.Dwellings} T{t.Rooms}"))),
            CanWrite(scope, c.Record.BailleurId))).ToList();
        var canWrite = scope.IsAdministrator || (scope.Kind == AllocationScopeKind.Bailleur && scope.ActsAsBailleur && scope.BailleurIds.Count > 0);
        IReadOnlyList<Choice> bailleurs = [];
        IReadOnlyList<Choice> holders = [];
        if (canWrite)
        {
            var ids = scope.BailleurIds.ToList();
            bailleurs = await db.Bailleurs.AsNoTracking().Where(b => scope.IsAdministrator ? b.OrganisationId != null : ids.Contains(b.Id))
                .OrderBy(b => b.Name).Select(b => new Choice(b.Id, b.Name)).Take(500).ToListAsync(ct);
            holders = await db.Organisations.AsNoTracking().Where(o => HolderKinds.Contains(o.Kind))
                .OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        }

        var selected = request.ConventionId is { } id ? rows.FirstOrDefault(r => r.Record.Id == id) : null;
        return new Result(rows, scope, canWrite, bailleurs, holders, selected);
    }

    /// <summary>Only the bailleur (for its own bailleurs) or an administrator writes a convention; réservataires read theirs.</summary>
    internal static bool CanWrite(AllocationScope scope, long bailleurId) =>
        scope.IsAdministrator || (scope.Kind == AllocationScopeKind.Bailleur && scope.ActsAsBailleur && scope.BailleurIds.Contains(bailleurId));

    public static string KindLabel(ReservataireKind kind) => kind switch
    {
        ReservataireKind.Prefet => "préfet (contingent de l'État)",
        ReservataireKind.ActionLogement => "Action Logement Services",
        ReservataireKind.Collectivite => "collectivité ou EPCI",
        ReservataireKind.Employeur => "employeur",
        ReservataireKind.Other => "autre organisme",
        ReservataireKind.Bailleur => "bailleur (part non réservée)",
        _ => kind.ToString(),
    };
}
