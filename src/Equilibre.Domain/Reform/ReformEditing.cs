using Equilibre.Domain.Organisations;

namespace Equilibre.Domain.Reform;

/// <summary>
/// Who may record the reform status of an EPCI: an administrator, or the services de l'État whose territory holds the
/// EPCI — a DDT(M) for the EPCIs whose main département is its own, a DREAL for those of its région, the DHUP
/// (nationwide) for all. Nobody else; the EPCI itself reads its status but does not certify it.
/// </summary>
public static class ReformEditing
{
    public sealed record Decision(bool Allowed, string Reason);

    public static Decision CanEdit(IReadOnlySet<string> roles, TerritoryScope scope, string epciName, string epciRegionCode, string epciMainDepartementCode)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(scope);
        if (roles.Contains(Roles.Administrateur))
        {
            return new Decision(true, "administrateur");
        }

        if (!roles.Contains(Roles.ServicesEtat))
        {
            return new Decision(false, "seuls les services de l'État (DDT pour leur département, DREAL pour leur région) enregistrent l'avancement de la réforme");
        }

        if (scope.EpciSiren is not null || scope.CommuneCode is not null)
        {
            return new Decision(false, "un service de l'État rattaché à un EPCI ou une commune ne peut pas enregistrer l'avancement de la réforme");
        }

        if (scope.RegionCode is not null && scope.RegionCode != epciRegionCode)
        {
            return new Decision(false, $"{epciName} n'est pas dans votre région");
        }

        if (scope.DepartementCode is not null && scope.DepartementCode != epciMainDepartementCode)
        {
            return new Decision(false, $"{epciName} relève de la DDT du département {epciMainDepartementCode} (département de la majorité de sa population), pas du vôtre ({scope.DepartementCode})");
        }

        return new Decision(true, scope.IsNationwide ? "services de l'État (national)" : "services de l'État du territoire");
    }
}
