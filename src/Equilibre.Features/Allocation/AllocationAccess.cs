using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>How a user takes part in the allocation workflow.</summary>
public enum AllocationScopeKind
{
    /// <summary>Administrators and nationwide State services: every vacancy, read-only for State services.</summary>
    Everything,

    /// <summary>A bailleur (and its CALEOL members): its own vacancies, sessions, offers and leases.</summary>
    Bailleur,

    /// <summary>A réservataire (including the préfet's State services): the vacancies oriented to it, its conventions and ledger.</summary>
    Reservataire,

    /// <summary>EPCI, commune and territorial State services: everything of their territory, read-only (targets, follow-up).</summary>
    Territory,

    /// <summary>Guichets, applicants, organisations without a territory: nothing.</summary>
    None,
}

/// <summary>
/// What a user sees of the allocation workflow and what they may do, with the sentence the pages show. One rule for
/// pages, API and CLI (product.md "Privacy"): every allocation query goes through <see cref="AllocationAccess.Visible(IQueryable{Vacancy}, AllocationScope)"/>
/// or its siblings. A réservataire that is also a territorial organisation (a commune or EPCI holding reservations, the
/// State services for the préfet's contingent) sees both its oriented vacancies and its territory.
/// </summary>
public sealed record AllocationScope(
    AllocationScopeKind Kind,
    long? OrganisationId,
    TerritoryScope Territory,
    IReadOnlyList<long> BailleurIds,
    bool ActsAsBailleur,
    bool ActsAsReservataire,
    bool SitsInCaleol,
    string Description)
{
    public static readonly AllocationScope Nothing = new(AllocationScopeKind.None, null, TerritoryScope.Nationwide, [], false, false, false, "aucun accès aux attributions");

    public bool SeesAnything => Kind != AllocationScopeKind.None;

    /// <summary>Administrators act for everyone (corrections, data migration).</summary>
    public bool IsAdministrator { get; init; }
}

public static class AllocationAccess
{
    public static async Task<AllocationScope> ScopeAsync(EquilibreDb db, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsAdministrator)
        {
            return new AllocationScope(AllocationScopeKind.Everything, user.OrganisationId, TerritoryScope.Nationwide, [], true, true, true,
                "administrateur : toutes les attributions")
            { IsAdministrator = true };
        }

        if (user.SeesEverything)
        {
            return new AllocationScope(AllocationScopeKind.Everything, user.OrganisationId, TerritoryScope.Nationwide, [], false, false, false,
                "services de l'État nationaux : toutes les attributions, en lecture seule");
        }

        if (user.OrganisationId is not { } organisationId)
        {
            return AllocationScope.Nothing;
        }

        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new { o.Kind, o.Name }).FirstOrDefaultAsync(ct);
        if (organisation is null)
        {
            return AllocationScope.Nothing;
        }

        if (organisation.Kind == OrganisationKind.Bailleur)
        {
            var acts = user.Roles.Contains(Roles.Bailleur);
            var sits = user.Roles.Contains(Roles.MembreCaleol);
            if (!acts && !sits)
            {
                return AllocationScope.Nothing;
            }

            var ids = await db.Bailleurs.AsNoTracking().Where(b => b.OrganisationId == organisationId).Select(b => b.Id).ToListAsync(ct);
            var what = acts && sits ? "bailleur et membre de sa CALEOL" : acts ? "bailleur" : "membre de la CALEOL";
            return new AllocationScope(AllocationScopeKind.Bailleur, organisationId, user.Scope, ids, acts, false, sits,
                $"les attributions de {organisation.Name} ({what})");
        }

        if (organisation.Kind is OrganisationKind.GuichetEnregistreur or OrganisationKind.Administration)
        {
            return AllocationScope.Nothing;
        }

        var holdsConventions = await db.ReservationConventions.AsNoTracking().AnyAsync(c => c.ReservataireOrganisationId == organisationId, ct);
        var designates = holdsConventions && (user.Roles.Contains(Roles.Reservataire) || user.Roles.Contains(Roles.ServicesEtat));
        if (organisation.Kind == OrganisationKind.Reservataire || (designates && user.Scope.IsNationwide))
        {
            return user.Roles.Contains(Roles.Reservataire) || user.Roles.Contains(Roles.ServicesEtat)
                ? new AllocationScope(AllocationScopeKind.Reservataire, organisationId, user.Scope, [], false, true, false,
                    $"les logements orientés vers {organisation.Name} et ses conventions de réservation")
                : AllocationScope.Nothing;
        }

        if (user.Scope.IsNationwide || !(user.Roles.Contains(Roles.ChargeMissionEpci) || user.Roles.Contains(Roles.ServicesEtat) || user.Roles.Contains(Roles.Reservataire)))
        {
            return AllocationScope.Nothing;
        }

        var reservataire = designates ? $" ; désigne sur les logements orientés vers {organisation.Name}" : "";
        return new AllocationScope(AllocationScopeKind.Territory, organisationId, user.Scope, [], false, designates, false,
            $"les attributions du territoire de {organisation.Name}, en lecture seule{reservataire}");
    }

    /// <summary>The vacancies the scope sees.</summary>
    public static IQueryable<Vacancy> Visible(this IQueryable<Vacancy> vacancies, AllocationScope scope)
    {
        ArgumentNullException.ThrowIfNull(vacancies);
        ArgumentNullException.ThrowIfNull(scope);
        var t = scope.Territory;
        var org = scope.OrganisationId;
        return scope.Kind switch
        {
            AllocationScopeKind.Everything => vacancies,
            AllocationScopeKind.Bailleur => vacancies.Where(v => v.BailleurOrganisationId == org),
            AllocationScopeKind.Reservataire => vacancies.Where(v => v.ReservataireOrganisationId == org),
            AllocationScopeKind.Territory => vacancies.Where(v => (scope.ActsAsReservataire && v.ReservataireOrganisationId == org)
                || ((t.CommuneCode == null || v.CommuneCode == t.CommuneCode)
                    && (t.EpciSiren == null || v.EpciSiren == t.EpciSiren)
                    && (t.DepartementCode == null || v.DepartementCode == t.DepartementCode)
                    && (t.RegionCode == null || v.RegionCode == t.RegionCode))),
            _ => vacancies.Where(_ => false),
        };
    }

    /// <summary>The leases the scope sees (the same rule as vacancies, on the facts copied at signature).</summary>
    public static IQueryable<Lease> Visible(this IQueryable<Lease> leases, AllocationScope scope)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(scope);
        var t = scope.Territory;
        var org = scope.OrganisationId;
        return scope.Kind switch
        {
            AllocationScopeKind.Everything => leases,
            AllocationScopeKind.Bailleur => leases.Where(l => l.BailleurOrganisationId == org),
            AllocationScopeKind.Reservataire => leases.Where(l => l.ReservataireOrganisationId == org),
            AllocationScopeKind.Territory => leases.Where(l => (scope.ActsAsReservataire && l.ReservataireOrganisationId == org)
                || ((t.CommuneCode == null || l.CommuneCode == t.CommuneCode)
                    && (t.EpciSiren == null || l.EpciSiren == t.EpciSiren)
                    && (t.DepartementCode == null || l.DepartementCode == t.DepartementCode)
                    && (t.RegionCode == null || l.RegionCode == t.RegionCode))),
            _ => leases.Where(_ => false),
        };
    }

    /// <summary>The reservation conventions the scope sees: its own as bailleur or réservataire, those of its territory otherwise.</summary>
    public static IQueryable<ReservationConventionRecord> Visible(this IQueryable<ReservationConventionRecord> conventions, AllocationScope scope)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        ArgumentNullException.ThrowIfNull(scope);
        var t = scope.Territory;
        var org = scope.OrganisationId;
        var bailleurs = scope.BailleurIds.ToList();
        return scope.Kind switch
        {
            AllocationScopeKind.Everything => conventions,
            AllocationScopeKind.Bailleur => conventions.Where(c => bailleurs.Contains(c.BailleurId)),
            AllocationScopeKind.Reservataire => conventions.Where(c => c.ReservataireOrganisationId == org),
            AllocationScopeKind.Territory => conventions.Where(c => c.ReservataireOrganisationId == org
                || (t.DepartementCode != null && c.DepartementCode == t.DepartementCode)),
            _ => conventions.Where(_ => false),
        };
    }

    /// <summary>The CALEOL sessions the scope sees: its bailleur's.</summary>
    public static IQueryable<CaleolSession> Visible(this IQueryable<CaleolSession> sessions, AllocationScope scope)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(scope);
        var org = scope.OrganisationId;
        return scope.Kind switch
        {
            AllocationScopeKind.Everything => sessions,
            AllocationScopeKind.Bailleur => sessions.Where(s => s.BailleurOrganisationId == org),
            _ => sessions.Where(_ => false),
        };
    }

    /// <summary>The bailleur (or an administrator) acts on its own vacancy: declare, orient, offer, sign.</summary>
    public static bool CanActAsBailleur(this AllocationScope scope, Vacancy vacancy)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(vacancy);
        return scope.IsAdministrator || (scope.ActsAsBailleur && scope.Kind == AllocationScopeKind.Bailleur && vacancy.BailleurOrganisationId == scope.OrganisationId);
    }

    /// <summary>Who designates on a vacancy: the réservataire it is oriented to, or the bailleur when it kept it or got it back.</summary>
    public static bool CanDesignate(this AllocationScope scope, Vacancy vacancy)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(vacancy);
        return scope.IsAdministrator
            || (vacancy.ReservataireOrganisationId is { } r ? scope.ActsAsReservataire && r == scope.OrganisationId : scope.CanActAsBailleur(vacancy));
    }

    /// <summary>A member of the bailleur's CALEOL records decisions in its sessions.</summary>
    public static bool CanDecide(this AllocationScope scope, CaleolSession session)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(session);
        return scope.IsAdministrator || (scope.SitsInCaleol && session.BailleurOrganisationId == scope.OrganisationId);
    }
}
