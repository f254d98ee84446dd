using Equilibre.Domain.Organisations;

namespace Equilibre.Features.Organisations;

/// <summary>
/// Who is asking, as every scoped handler receives it: the user, their organisation and its territory, their
/// roles. Built once per request by the host from the authenticated principal.
/// </summary>
public sealed record CurrentUser(long UserId, string DisplayName, long? OrganisationId, string? OrganisationName, TerritoryScope Scope, IReadOnlySet<string> Roles)
{
    /// <summary>The operator of the instance running a command-line tool: administrator rights, nationwide.</summary>
    public static CurrentUser CommandLine { get; } = new(0, "ligne de commande", null, null, TerritoryScope.Nationwide, new HashSet<string> { Domain.Organisations.Roles.Administrateur });

    public bool IsAdministrator => Roles.Contains(Domain.Organisations.Roles.Administrateur);

    /// <summary>Administrators and nationwide State services see every organisation.</summary>
    public bool SeesEverything => IsAdministrator || (Roles.Contains(Domain.Organisations.Roles.ServicesEtat) && Scope.IsNationwide);
}
