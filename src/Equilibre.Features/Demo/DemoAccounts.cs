using Equilibre.Domain.Organisations;

namespace Equilibre.Features.Demo;

/// <summary>One demo account: created only by the demo generator, printed at start-up.</summary>
public sealed record DemoAccount(string Email, string DisplayName, string Role, string? OrganisationName);

/// <summary>The demo accounts, one per role (product.md "Users"), and their shared password.</summary>
public static class DemoAccounts
{
    /// <summary>Shared by every demo account; printed at start-up. Never used outside demo data.</summary>
    public const string Password = "Demo-Equilibre-2026";

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("epci@demo.equilibre.fr", "Claire Martin", Roles.ChargeMissionEpci, DemoTerritory.GrandReimsName),
        new("epci.troyes@demo.equilibre.fr", "Julien Petit", Roles.ChargeMissionEpci, DemoTerritory.TroyesName),
        new("bailleur@demo.equilibre.fr", "Sophie Bernard", Roles.Bailleur, DemoTerritory.Bailleurs[0].Name),
        new("reservataire@demo.equilibre.fr", "Marc Dubois", Roles.Reservataire, DemoTerritory.PrefetMarneName),
        new("guichet@demo.equilibre.fr", "Nadia Benali", Roles.GuichetEnregistreur, DemoTerritory.GuichetName),
        new("caleol@demo.equilibre.fr", "Paul Lefèvre", Roles.MembreCaleol, DemoTerritory.Bailleurs[0].Name),
        new("etat@demo.equilibre.fr", "Hélène Roux", Roles.ServicesEtat, DemoTerritory.DrealName),
        new("ddt@demo.equilibre.fr", "Thomas Girard", Roles.ServicesEtat, DemoTerritory.DdtMarneName),
        new("demandeur@demo.equilibre.fr", "Karim Haddad", Roles.Demandeur, null),
        new("admin@demo.equilibre.fr", "Administrateur de démonstration", Roles.Administrateur, DemoTerritory.AdministrationName),
    ];
}
