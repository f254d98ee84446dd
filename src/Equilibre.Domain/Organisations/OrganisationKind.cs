namespace Equilibre.Domain.Organisations;

/// <summary>The kinds of organisation that use Equilibre (product.md, "Users").</summary>
public enum OrganisationKind
{
    /// <summary>EPCI (intercommunalité) and its CIL.</summary>
    Epci,

    /// <summary>Organisme HLM or SEM owning social dwellings.</summary>
    Bailleur,

    /// <summary>Réservataire: préfet/DDETS, Action Logement, collectivité.</summary>
    Reservataire,

    /// <summary>Commune (also réservataire on its own guarantees).</summary>
    Commune,

    /// <summary>Services de l'État: DREAL, DDT(M), DDETS, DHUP.</summary>
    ServicesEtat,

    /// <summary>Guichet enregistreur of demands.</summary>
    GuichetEnregistreur,

    /// <summary>The operator of the Equilibre instance.</summary>
    Administration,
}

/// <summary>
/// The territory an organisation acts on, from the widest to the narrowest. A null level means "any":
/// an organisation with only a région code sees the whole région.
/// </summary>
public sealed record TerritoryScope(string? RegionCode, string? DepartementCode, string? EpciSiren, string? CommuneCode)
{
    public static readonly TerritoryScope Nationwide = new(null, null, null, null);

    public bool IsNationwide => RegionCode is null && DepartementCode is null && EpciSiren is null && CommuneCode is null;

    /// <summary>Does this scope contain a place described by its région, département, EPCI and commune?</summary>
    public bool Contains(string? regionCode, string? departementCode, string? epciSiren, string? communeCode) =>
        (RegionCode is null || RegionCode == regionCode)
        && (DepartementCode is null || DepartementCode == departementCode)
        && (EpciSiren is null || EpciSiren == epciSiren)
        && (CommuneCode is null || CommuneCode == communeCode);
}
