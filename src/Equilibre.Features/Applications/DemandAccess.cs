using Equilibre.Domain.Organisations;
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

        var s = user.Scope;
        var organisation = user.OrganisationId;
        return demands.Where(d => d.GuichetOrganisationId == organisation || d.Wishes.Any(w =>
            (s.RegionCode == null || w.RegionCode == s.RegionCode)
            && (s.DepartementCode == null || w.DepartementCode == s.DepartementCode)
            && (s.EpciSiren == null || w.EpciSiren == s.EpciSiren)
            && (s.CommuneCode == null || w.CommuneCode == s.CommuneCode)));
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
