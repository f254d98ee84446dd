namespace Equilibre.Domain.Organisations;

/// <summary>The roles of product.md, with their names in the UI. A user has one or more roles.</summary>
public static class Roles
{
    public const string ChargeMissionEpci = "ChargeMissionEpci";
    public const string Bailleur = "Bailleur";
    public const string Reservataire = "Reservataire";
    public const string GuichetEnregistreur = "GuichetEnregistreur";
    public const string MembreCaleol = "MembreCaleol";
    public const string ServicesEtat = "ServicesEtat";
    public const string Demandeur = "Demandeur";
    public const string Administrateur = "Administrateur";

    /// <summary>Every role, in the order the UI lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        ChargeMissionEpci, Bailleur, Reservataire, GuichetEnregistreur, MembreCaleol, ServicesEtat, Demandeur, Administrateur,
    ];

    /// <summary>Roles of professionals (everyone but the applicant), who see the shared territory pages.</summary>
    public static readonly IReadOnlyList<string> Professionals = [.. All.Where(r => r != Demandeur)];

    public static string Label(string role) => role switch
    {
        ChargeMissionEpci => "Chargé·e de mission EPCI / CIL",
        Bailleur => "Bailleur social",
        Reservataire => "Réservataire",
        GuichetEnregistreur => "Guichet enregistreur",
        MembreCaleol => "Membre de CALEOL",
        ServicesEtat => "Services de l'État",
        Demandeur => "Demandeur",
        Administrateur => "Administrateur",
        _ => role,
    };

    public static string Label(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Epci => "EPCI",
        OrganisationKind.Bailleur => "Bailleur social",
        OrganisationKind.Reservataire => "Réservataire",
        OrganisationKind.Commune => "Commune",
        OrganisationKind.ServicesEtat => "Services de l'État",
        OrganisationKind.GuichetEnregistreur => "Guichet enregistreur",
        OrganisationKind.Administration => "Administration d'Equilibre",
    };
}
