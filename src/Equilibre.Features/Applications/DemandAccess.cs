using System.Linq.Expressions;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;

namespace Equilibre.Features.Applications;

/// <summary>
/// Who sees and who changes a demand (product.md, "Privacy"; domain.md §11.2). The partners of a territory — EPCI,
/// bailleurs, réservataires, guichets, CALEOL, State services — see the demands that wish a commune of their territory
/// (gestion partagée); the guichet that registered a demand always sees it; an administrator and nationwide State
/// services see all. Only guichets (and administrators) register, renew, modify and radiate. The applicant's own
/// access comes with the applicant space, not through these lists. The filter is part of every query.
/// </summary>
public static class DemandAccess
{
    public static IQueryable<Demand> Visible(this IQueryable<Demand> demands, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(demands);
        ArgumentNullException.ThrowIfNull(user);
        if (user.SeesEverything)
        {
            return demands;
        }

        if (!user.Roles.Overlaps(Roles.Professionals))
        {
            return demands.Where(_ => false);
        }

        var organisation = user.OrganisationId;
        var inScope = WishInScope(user);
        return demands.Where(d => d.GuichetOrganisationId == organisation || d.Wishes.AsQueryable().Any(inScope));
    }

    /// <summary>
    /// The same rule as <see cref="Visible"/>, phrased as a set of ids: the demands with a wish in the user's territory,
    /// read from the wishes' indexes once, and those its guichet registered. For counts and whole-scope reads (the list's
    /// total, the demands to renew, the Q1 thresholds of a scope, the export) over a large territory: tested
    /// demand by demand, the rule made PostgreSQL visit every active demand of France (11–35 s for an EPCI at national
    /// scale; docs/performance.md, "Fix: the demand list of a large territory"), where the set costs one index range.
    /// Single demands and pages in order keep <see cref="Visible"/>, which stops at the first rows found.
    /// </summary>
    public static IQueryable<Demand> VisibleAsSet(this IQueryable<Demand> demands, EquilibreDb db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(demands);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (user.SeesEverything || !user.Roles.Overlaps(Roles.Professionals))
        {
            return demands.Visible(user);
        }

        var organisation = user.OrganisationId;
        var ids = db.DemandWishes.Where(WishInScope(user)).Select(w => w.DemandId)
            .Concat(db.Demands.Where(d => d.GuichetOrganisationId == organisation).Select(d => d.Id));
        return demands.Where(d => ids.Contains(d.Id));
    }

    /// <summary>A wish that opens its demand to the user's organisation: a commune of its territory (the one rule of both forms).</summary>
    private static Expression<Func<DemandWish, bool>> WishInScope(CurrentUser user)
    {
        var s = user.Scope;
        return w => (s.RegionCode == null || w.RegionCode == s.RegionCode)
            && (s.DepartementCode == null || w.DepartementCode == s.DepartementCode)
            && (s.EpciSiren == null || w.EpciSiren == s.EpciSiren)
            && (s.CommuneCode == null || w.CommuneCode == s.CommuneCode);
    }

    public static bool CanWrite(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdministrator || user.Roles.Contains(Roles.GuichetEnregistreur);
    }

    /// <summary>The history entry's author: the user and their organisation.</summary>
    public static DemandEvent Event(long demandId, DemandEventKind kind, string summary, string? detail, CurrentUser user, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new DemandEvent
        {
            DemandId = demandId,
            Kind = kind,
            Summary = Truncate(summary, 1000),
            Detail = detail is null ? null : Truncate(detail, 4000),
            UserId = user.UserId == 0 ? null : user.UserId,
            By = user.DisplayName,
            OrganisationName = user.OrganisationName,
            At = at,
        };
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
