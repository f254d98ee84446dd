using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>How far a user sees the social stock.</summary>
public enum StockScopeKind
{
    /// <summary>Administrators and nationwide State services: every dwelling.</summary>
    Everything,

    /// <summary>State services, EPCI, commune, réservataire: the dwellings of the organisation's territory.</summary>
    Territory,

    /// <summary>A bailleur and its CALEOL members: the dwellings it owns (latest state).</summary>
    Bailleur,

    /// <summary>Guichets, applicants, organisations without a territory: nothing.</summary>
    None,
}

/// <summary>
/// What a user sees of the stock and whether they may import an RPLS file, with the sentence the pages show.
/// <see cref="ImportForOrganisationId"/> is the bailleur organisation an import is restricted to (null = territory-wide).
/// </summary>
public sealed record StockScope(
    StockScopeKind Kind, TerritoryScope Territory, IReadOnlyList<long> BailleurIds, bool CanImport, long? ImportForOrganisationId, string Description)
{
    public static readonly StockScope Nothing = new(StockScopeKind.None, TerritoryScope.Nationwide, [], false, null, "aucun accès au parc social");

    public bool SeesAnything => Kind != StockScopeKind.None;
}

/// <summary>
/// Who sees which dwellings (product.md "Privacy", issue 4): the one place every stock query goes through, pages and
/// API alike. An administrator and nationwide State services see all; State services of a région or département,
/// an EPCI, a commune and a réservataire see the dwellings of their organisation's territory (the réservataire
/// read-only); a bailleur and the members of its CALEOL see only the dwellings whose latest state names a bailleur
/// linked to their organisation (<see cref="Bailleur.OrganisationId"/>, by SIREN) — another landlord's stock in the
/// same commune stays hidden. Guichets and applicants see none. The territory of a résidence is the one the RPLS
/// file gives (EPCI, département, région) or, when the file does not say, that of its commune in the COG.
/// Only a bailleur (its own stock), State services and administrators (territory-wide) import.
/// </summary>
public static class StockAccess
{
    /// <summary>Roles that may see the stock when their organisation has a territory or owns dwellings.</summary>
    private static readonly string[] StockRoles = [Roles.Bailleur, Roles.MembreCaleol, Roles.ChargeMissionEpci, Roles.Reservataire, Roles.ServicesEtat];

    public static async Task<StockScope> ScopeAsync(EquilibreDb db, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (user.SeesEverything)
        {
            return new StockScope(StockScopeKind.Everything, TerritoryScope.Nationwide, [], true, null,
                user.IsAdministrator ? "administrateur : tout le parc" : "services de l'État nationaux : tout le parc");
        }

        if (!StockRoles.Any(user.Roles.Contains) || user.OrganisationId is not { } organisationId)
        {
            return StockScope.Nothing;
        }

        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new { o.Kind, o.Name }).FirstOrDefaultAsync(ct);
        if (organisation is null)
        {
            return StockScope.Nothing;
        }

        if (organisation.Kind == OrganisationKind.Bailleur)
        {
            var ids = await db.Bailleurs.AsNoTracking().Where(b => b.OrganisationId == organisationId).Select(b => b.Id).ToListAsync(ct);
            return new StockScope(StockScopeKind.Bailleur, user.Scope, ids, user.Roles.Contains(Roles.Bailleur), organisationId,
                $"les logements de {organisation.Name} (bailleur rattaché par son SIREN)");
        }

        if (organisation.Kind is OrganisationKind.GuichetEnregistreur or OrganisationKind.Administration || user.Scope.IsNationwide)
        {
            // A partner without a territory sees nothing rather than everything.
            return StockScope.Nothing;
        }

        var state = organisation.Kind == OrganisationKind.ServicesEtat && user.Roles.Contains(Roles.ServicesEtat);
        var readOnly = organisation.Kind == OrganisationKind.Reservataire ? ", en lecture seule" : "";
        return new StockScope(StockScopeKind.Territory, user.Scope, [], state, null,
            $"le parc du territoire de {organisation.Name}{readOnly}");
    }

    /// <summary>The dwellings the scope sees.</summary>
    public static IQueryable<Dwelling> Visible(this IQueryable<Dwelling> dwellings, EquilibreDb db, StockScope scope)
    {
        ArgumentNullException.ThrowIfNull(dwellings);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        switch (scope.Kind)
        {
            case StockScopeKind.Everything:
                return dwellings;
            case StockScopeKind.Bailleur:
                var ids = scope.BailleurIds.Select(i => (long?)i).ToList();
                return dwellings.Where(d => ids.Contains(db.DwellingStates.Where(s => s.DwellingId == d.Id)
                    .OrderByDescending(s => s.Millesime).Select(s => s.BailleurId).FirstOrDefault()));
            case StockScopeKind.Territory:
                var residences = db.Residences.Visible(db, scope);
                return dwellings.Where(d => residences.Any(r => r.Id == d.ResidenceId));
            default:
                return dwellings.Where(_ => false);
        }
    }

    /// <summary>The résidences the scope sees: in its territory, or holding at least one of the bailleur's dwellings.</summary>
    public static IQueryable<Residence> Visible(this IQueryable<Residence> residences, EquilibreDb db, StockScope scope)
    {
        ArgumentNullException.ThrowIfNull(residences);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        switch (scope.Kind)
        {
            case StockScopeKind.Everything:
                return residences;
            case StockScopeKind.Bailleur:
                var dwellings = db.Dwellings.Visible(db, scope);
                return residences.Where(r => dwellings.Any(d => d.ResidenceId == r.Id));
            case StockScopeKind.Territory:
                var t = scope.Territory;
                var communes = db.Communes.Where(c => c.ValidTo == null);
                return residences.Where(r =>
                    (t.CommuneCode == null || r.CommuneCode == t.CommuneCode)
                    && (t.DepartementCode == null || r.DepartementCode == t.DepartementCode
                        || (r.DepartementCode == null && communes.Any(c => c.Code == r.CommuneCode && c.DepartementCode == t.DepartementCode)))
                    && (t.RegionCode == null || r.RegionCode == t.RegionCode
                        || (r.RegionCode == null && communes.Any(c => c.Code == r.CommuneCode && c.RegionCode == t.RegionCode)))
                    && (t.EpciSiren == null || r.EpciSiren == t.EpciSiren
                        || (r.EpciSiren == null && communes.Any(c => c.Code == r.CommuneCode && (c.EpciSiren == t.EpciSiren || c.EptSiren == t.EpciSiren)))));
            default:
                return residences.Where(_ => false);
        }
    }
}
