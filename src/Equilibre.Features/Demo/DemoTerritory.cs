using Equilibre.Domain.Organisations;

namespace Equilibre.Features.Demo;

/// <summary>A demo organisation before it is stored: name, kind and territory codes.</summary>
public sealed record DemoOrganisation(string Name, OrganisationKind Kind, string? Siren, string? RegionCode, string? DepartementCode, string? EpciSiren, string? CommuneCode);

/// <summary>
/// The organisations of the demo: the real EPCIs CU du Grand Reims and CA Troyes Champagne Métropole with their
/// real SIREN and territory, the State services and réservataires that act there, and fictitious bailleurs and a
/// guichet whose names say they are demo data (no real bailleur's figures are ever invented).
/// The demo bailleurs carry a synthetic SIREN (<see cref="BailleurSirens"/>) so that their stock can be imported for
/// their own account like a real bailleur's (an RPLS import needs the bailleur's SIREN).
/// </summary>
public static class DemoTerritory
{
    public const string GrandEst = "44";
    public const string GrandReimsSiren = "200067213";
    public const string TroyesSiren = "200069250";
    public const string GrandReimsName = "CU du Grand Reims";
    public const string TroyesName = "CA Troyes Champagne Métropole";
    public const string PrefetMarneName = "Préfet de la Marne (DDETS 51)";
    public const string DrealName = "DREAL Grand Est";
    public const string DdtMarneName = "DDT de la Marne";
    public const string GuichetName = "Maison de l'habitat du Grand Reims (démo)";
    public const string GuichetTroyesName = "Point logement de Troyes Champagne Métropole (démo)";
    public const string AdministrationName = "Administration Equilibre";

    /// <summary>
    /// Synthetic SIRENs of the demo bailleurs, in the order of <see cref="Bailleurs"/>. They cannot be a real
    /// company's: INSEE gives every SIREN a Luhn check digit, and these nine digits (999 + département + rank + a
    /// wrong key) fail the Luhn test on purpose. Equilibre only requires nine digits, so they are accepted.
    /// </summary>
    public static readonly IReadOnlyList<string> BailleurSirens = ["999510010", "999510020", "999510030", "999100010", "999100020", "999100030"];

    public static readonly IReadOnlyList<DemoOrganisation> Bailleurs =
    [
        new("Habitat Champagne (démo)", OrganisationKind.Bailleur, BailleurSirens[0], GrandEst, "51", null, null),
        new("Rémoise du Logement (démo)", OrganisationKind.Bailleur, BailleurSirens[1], GrandEst, "51", null, null),
        new("Foyer Marnais (démo)", OrganisationKind.Bailleur, BailleurSirens[2], GrandEst, "51", null, null),
        new("Troyes Logis (démo)", OrganisationKind.Bailleur, BailleurSirens[3], GrandEst, "10", null, null),
        new("Aube Habitat Social (démo)", OrganisationKind.Bailleur, BailleurSirens[4], GrandEst, "10", null, null),
        new("Seine et Vignes Habitat (démo)", OrganisationKind.Bailleur, BailleurSirens[5], GrandEst, "10", null, null),
    ];

    public static readonly IReadOnlyList<DemoOrganisation> Organisations =
    [
        new(GrandReimsName, OrganisationKind.Epci, GrandReimsSiren, GrandEst, "51", GrandReimsSiren, null),
        new(TroyesName, OrganisationKind.Epci, TroyesSiren, GrandEst, "10", TroyesSiren, null),
        .. Bailleurs,
        new(PrefetMarneName, OrganisationKind.Reservataire, null, GrandEst, "51", null, null),
        new("Préfet de l'Aube (DDETS 10)", OrganisationKind.Reservataire, null, GrandEst, "10", null, null),
        new("Action Logement Services", OrganisationKind.Reservataire, null, null, null, null, null),
        new("Ville de Reims", OrganisationKind.Commune, null, GrandEst, "51", GrandReimsSiren, "51454"),
        new("Ville de Troyes", OrganisationKind.Commune, null, GrandEst, "10", TroyesSiren, "10387"),
        new(DrealName, OrganisationKind.ServicesEtat, null, GrandEst, null, null, null),
        new(DdtMarneName, OrganisationKind.ServicesEtat, null, GrandEst, "51", null, null),
        new("DDT de l'Aube", OrganisationKind.ServicesEtat, null, GrandEst, "10", null, null),
        new(GuichetName, OrganisationKind.GuichetEnregistreur, null, GrandEst, "51", GrandReimsSiren, null),
        new(GuichetTroyesName, OrganisationKind.GuichetEnregistreur, null, GrandEst, "10", TroyesSiren, null),
        new(AdministrationName, OrganisationKind.Administration, null, null, null, null, null),
    ];
}
