using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// Who reads the OPS answers (personal data, R442-13) and their aggregates. Row by row — the import, the examen
/// d'occupation — only the bailleur that owns the dwellings at the latest millésime (its users with the Bailleur or
/// CALEOL member role) and administrators. The masked résidence aggregates also to the EPCI and State users whose
/// territory holds the résidence. Ownership is <see cref="DwellingState.BailleurId"/> of the dwelling's latest
/// millésime, linked to the user's organisation through <see cref="Bailleur.OrganisationId"/>.
/// </summary>
public static class OccupancyAccess
{
    private static readonly string[] BailleurRoles = [Roles.Bailleur, Roles.MembreCaleol];
    private static readonly string[] TerritoryRoles = [Roles.ChargeMissionEpci, Roles.ServicesEtat];

    /// <summary>May this user read the rows of the bailleur linked to <paramref name="bailleurOrganisationId"/>?</summary>
    public static bool ReadsRowsOf(CurrentUser user, long? bailleurOrganisationId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdministrator
            || (bailleurOrganisationId is not null && user.OrganisationId == bailleurOrganisationId && user.Roles.Overlaps(BailleurRoles));
    }

    /// <summary>Is the user an EPCI or State user (territory aggregates only)?</summary>
    public static bool ReadsTerritoryAggregates(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Roles.Overlaps(TerritoryRoles);
    }

    /// <summary>The latest state of each dwelling (its highest millésime), as a query to join on.</summary>
    public static IQueryable<DwellingState> LatestStates(EquilibreDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = db.DwellingStates.GroupBy(s => s.DwellingId).Select(g => new { DwellingId = g.Key, Millesime = g.Max(s => s.Millesime) });
        return from s in db.DwellingStates
               join l in latest on new { s.DwellingId, s.Millesime } equals new { l.DwellingId, l.Millesime }
               select s;
    }

    /// <summary>The organisations owning dwellings of a résidence at their latest millésime.</summary>
    public static async Task<List<long>> OwnerOrganisationsAsync(EquilibreDb db, long residenceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (from s in LatestStates(db)
                      join d in db.Dwellings on s.DwellingId equals d.Id
                      join b in db.Bailleurs on s.BailleurId equals b.Id
                      where d.ResidenceId == residenceId && b.OrganisationId != null
                      select b.OrganisationId!.Value).Distinct().ToListAsync(ct);
    }
}
