namespace Equilibre.Domain.Stock;

/// <summary>Mode of entry into the owner's stock, RPLS field <c>ORIGINE</c> (arrêté du 5 janvier 2010, field 29).</summary>
public enum EntryMode
{
    /// <summary>1 — construction by the organism.</summary>
    Construction = 1,

    /// <summary>2 — acquisition with works.</summary>
    AcquisitionWithWorks = 2,

    /// <summary>3 — acquisition without works.</summary>
    AcquisitionWithoutWorks = 3,

    /// <summary>4 — vente en l'état futur d'achèvement.</summary>
    Vefa = 4,
}

/// <summary>Occupancy mode at 1 January, RPLS field <c>MODE</c> ("version loi" only, domain.md §16.3.3).</summary>
public enum OccupancyMode
{
    /// <summary>1 — let with a tenancy contract.</summary>
    Let = 1,

    /// <summary>2 — offered for letting but vacant.</summary>
    VacantOffered = 2,

    /// <summary>3 — empty, awaiting or under works, demolition or sale, not offered.</summary>
    EmptyNotOffered = 3,

    /// <summary>4 — managed by an association (sub-let).</summary>
    ManagedByAssociation = 4,

    /// <summary>5 — occupied with or without financial counterpart (professional lease, staff, without title).</summary>
    OccupiedOtherwise = 5,

    /// <summary>9 — not applicable (left the stock, no longer exists).</summary>
    NotApplicable = 9,
}

/// <summary>Type of construction, RPLS field <c>TYPECONST</c> (domain.md §16.3.2).</summary>
public enum ConstructionType
{
    /// <summary>C — collectif (building with at least two dwellings).</summary>
    Collective,

    /// <summary>I — individuel.</summary>
    Individual,

    /// <summary>E — logement étudiant.</summary>
    Student,
}

/// <summary>
/// The RPLS code lists that the importer reads (domain.md §16.3), each parse returning null for a value outside the
/// list. Codes whose values are not confirmed (CUS, PMR, NEWLOGT) are not parsed here: they are stored as delivered.
/// </summary>
public static class RplsCodes
{
    public static EntryMode? ParseEntryMode(string? code) => code?.Trim() switch
    {
        "1" => EntryMode.Construction,
        "2" => EntryMode.AcquisitionWithWorks,
        "3" => EntryMode.AcquisitionWithoutWorks,
        "4" => EntryMode.Vefa,
        _ => null,
    };

    public static OccupancyMode? ParseOccupancyMode(string? code) => code?.Trim() switch
    {
        "1" => OccupancyMode.Let,
        "2" => OccupancyMode.VacantOffered,
        "3" => OccupancyMode.EmptyNotOffered,
        "4" => OccupancyMode.ManagedByAssociation,
        "5" => OccupancyMode.OccupiedOtherwise,
        "9" => OccupancyMode.NotApplicable,
        _ => null,
    };

    /// <summary>The code (C, I, E) of the files up to 2023, or the label of 2025 (« collectif », « logement étudiant »).</summary>
    public static ConstructionType? ParseConstructionType(string? value)
    {
        var v = SearchText.Fold(value ?? "").Trim();
        return v switch
        {
            "c" or "collectif" => ConstructionType.Collective,
            "i" or "individuel" => ConstructionType.Individual,
            "e" or "logement etudiant" or "etudiant" => ConstructionType.Student,
            _ => null,
        };
    }

    /// <summary>DPE energy or greenhouse-gas class A–G; anything else (empty, « N », « - ») is unknown.</summary>
    public static char? ParseDpeClass(string? value) =>
        value?.Trim().ToUpperInvariant() is { Length: 1 } v && v[0] is >= 'A' and <= 'G' ? v[0] : null;

    /// <summary>
    /// APL convention flag <c>CONV</c>: 1 = conventionné; 2 (or 0) = non conventionné; other values unknown
    /// (domain.md §16.3.2 [U] for the "no" value).
    /// </summary>
    public static bool? ParseConvention(string? value) => value?.Trim() switch
    {
        "1" => true,
        "2" or "0" => false,
        _ => null,
    };

    /// <summary>QPV flag of the files up to 2022: 1 = en QPV, 2 = hors QPV (same coding as the former ZUS flag).</summary>
    public static bool? ParseQpvFlag(string? value) => value?.Trim() switch
    {
        "1" => true,
        "2" => false,
        _ => null,
    };

    /// <summary>French label of an occupancy mode, for pages and reports.</summary>
    public static string Label(OccupancyMode mode) => mode switch
    {
        OccupancyMode.Let => "loué avec contrat de location",
        OccupancyMode.VacantOffered => "proposé à la location mais vacant",
        OccupancyMode.EmptyNotOffered => "vide (travaux, démolition ou vente)",
        OccupancyMode.ManagedByAssociation => "pris en charge par une association",
        OccupancyMode.OccupiedOtherwise => "occupé avec ou sans contrepartie financière",
        OccupancyMode.NotApplicable => "sans objet",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>French label of a mode of entry.</summary>
    public static string Label(EntryMode mode) => mode switch
    {
        EntryMode.Construction => "construction par l'organisme",
        EntryMode.AcquisitionWithWorks => "acquisition avec travaux",
        EntryMode.AcquisitionWithoutWorks => "acquisition sans travaux",
        EntryMode.Vefa => "acquisition en VEFA",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
