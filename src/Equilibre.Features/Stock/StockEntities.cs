using Equilibre.Domain.Stock;

namespace Equilibre.Features.Stock;

/// <summary>
/// A social landlord known from the RPLS "version loi" (<c>SIRET</c>, <c>RS</c>). Not necessarily an organisation
/// using Equilibre: <see cref="OrganisationId"/> links it to the <c>Organisation</c> of the same SIREN when one exists.
/// The open-data file carries no landlord identity (domain.md §16.1): its dwellings have no bailleur.
/// </summary>
public sealed class Bailleur
{
    public long Id { get; set; }

    /// <summary>SIREN (the first 9 digits of the RPLS SIRET).</summary>
    public required string Siren { get; set; }

    public required string Name { get; set; }
    public long? OrganisationId { get; set; }
}

/// <summary>
/// A résidence: the address that groups dwellings in the RPLS ("ensemble adresse": commune, number, repetition index,
/// street type and name, building name). Its location attributes (IRIS, QPV, ex-ZUS, QVA) are those of the latest
/// millésime imported; "in QPV for the targets" is the dated rule <see cref="QpvStatus"/> over <see cref="QpvCode"/>.
/// </summary>
public sealed class Residence
{
    public long Id { get; set; }

    /// <summary>Natural key: commune code and the normalised address, upper case, separated by <c>|</c>.</summary>
    public required string AddressKey { get; set; }

    public required string CommuneCode { get; set; }
    public string? CommuneName { get; set; }
    public string? PostalCode { get; set; }
    public string? DepartementCode { get; set; }
    public string? RegionCode { get; set; }
    public string? EpciSiren { get; set; }
    public string? StreetNumber { get; set; }
    public string? RepetitionIndex { get; set; }
    public string? StreetType { get; set; }
    public string? StreetName { get; set; }
    public string? BuildingName { get; set; }
    public string? Locality { get; set; }

    /// <summary>Full 9-character IRIS code (commune + the 4-character <c>PLG_IRIS</c> of the files up to 2022).</summary>
    public string? IrisCode { get; set; }

    /// <summary>Geocoded QPV code (2023+), empty when outside a QPV or when the file only has the 1/2 flag.</summary>
    public string? QpvCode { get; set; }

    /// <summary>QPV flag of the files up to 2022 (1 = en QPV), or true when a QPV code is given.</summary>
    public bool? InQpv { get; set; }

    /// <summary>Geocoded in a former ZUS (<c>PLG_ZUS</c>), null when the file does not say.</summary>
    public bool? ExZus { get; set; }

    /// <summary>Geocoded in a quartier de veille active (<c>PLG_QVA</c>), null when the file does not say.</summary>
    public bool? Qva { get; set; }

    /// <summary>Millésime that last changed the location attributes (an older millésime imported later does not).</summary>
    public int Millesime { get; set; }
}

/// <summary>How a dwelling's RPLS identifier was obtained.</summary>
public enum DwellingIdentifierKind
{
    /// <summary><c>IDENT_REP</c> of the "version loi": the 10-character identifier in the répertoire.</summary>
    Repertoire,

    /// <summary>
    /// The open-data file has no identifier: one is derived from the commune, the address, the place in the building,
    /// the number of rooms and the construction year, with a rank among identical lines (docs/adr/0007).
    /// </summary>
    Derived,
}

/// <summary>A social dwelling: its identity and its place in a résidence. Its facts are per millésime (<see cref="DwellingState"/>).</summary>
public sealed class Dwelling
{
    public long Id { get; set; }

    /// <summary>RPLS identifier (<c>IDENT_REP</c>), or the derived identifier for open-data files.</summary>
    public required string RplsId { get; set; }

    public DwellingIdentifierKind IdentifierKind { get; set; }
    public long ResidenceId { get; set; }
    public string? Staircase { get; set; }
    public string? Floor { get; set; }
    public string? ApartmentNumber { get; set; }
    public int FirstMillesime { get; set; }
}

/// <summary>
/// The state of a dwelling at 1 January of a millésime, as the RPLS delivers it. Keyed by dwelling and millésime:
/// re-importing a millésime compares <see cref="ContentHash"/> and rewrites the row only when the facts changed.
/// Open-data files leave the "version loi" facts (rent, occupancy, lease, bailleur) empty.
/// </summary>
public sealed class DwellingState
{
    public long DwellingId { get; set; }
    public int Millesime { get; set; }

    /// <summary>Owner at 1 January ("version loi" only).</summary>
    public long? BailleurId { get; set; }

    /// <summary>Identifier in the landlord's information system (<c>IDENT_INT</c>).</summary>
    public string? LandlordReference { get; set; }

    public ConstructionType? ConstructionType { get; set; }

    /// <summary>Number of main rooms (<c>NBPIECE</c>, R111-1-1): the typology T1…T5+.</summary>
    public int Rooms { get; set; }

    /// <summary>Habitable surface in m² (<c>SURFHAB</c>, R111-2).</summary>
    public decimal? HabitableSurface { get; set; }

    public int? ConstructionYear { get; set; }

    /// <summary>Year of first letting as social housing (<c>LOCAT</c>).</summary>
    public int? FirstLettingYear { get; set; }

    /// <summary>Year of entry into the current owner's stock (<c>PATRIMOINE</c>).</summary>
    public int? StockEntryYear { get; set; }

    public EntryMode? EntryMode { get; set; }

    /// <summary>Initial financing code as delivered (<c>FINAN</c> / <c>FINAN_CODE</c>).</summary>
    public required string FinancingCode { get; set; }

    /// <summary>Family of <see cref="FinancingCode"/> by <see cref="RplsFinancingTable"/> (null when unknown to the table).</summary>
    public FinancingFamily? Financing { get; set; }

    public string? OtherFinancing { get; set; }

    /// <summary>CUS ceiling category as delivered (PLAI, PLUS, PLS, PLI; coding unconfirmed).</summary>
    public string? CusCeiling { get; set; }

    public bool? AplConvention { get; set; }
    public string? ConventionNumber { get; set; }
    public DateOnly? ConventionDate { get; set; }

    /// <summary>Monthly rent in principal for January, € (<c>LOYERPRINC</c>, "version loi"; 9999 = sans objet → null).</summary>
    public decimal? MonthlyRent { get; set; }

    /// <summary>Estimated monthly charges, € (<c>CHARGES</c>: not an RPLS field, supplied by the bailleur).</summary>
    public decimal? EstimatedCharges { get; set; }

    public OccupancyMode? OccupancyMode { get; set; }

    /// <summary>Start of the current lease, first of the month (<c>BAIL</c>, mm/yyyy).</summary>
    public DateOnly? LeaseStart { get; set; }

    /// <summary>Date of the latest DPE, first of the month (<c>DPEDATE</c>; 01/1900 = none → null).</summary>
    public DateOnly? DpeDate { get; set; }

    public string? DpeEnergyClass { get; set; }
    public string? DpeGhgClass { get; set; }

    /// <summary>Accessibility for persons with reduced mobility, code or label as delivered (<c>PMR_CODE</c>, <c>PMR_LIBELLE</c>, <c>PMR</c>).</summary>
    public string? Accessibility { get; set; }

    /// <summary>Adapted for handicap (<c>ADAPTE_HANDICAP</c>, oui/non: not in the open file; codes of PMR unconfirmed).</summary>
    public bool? AdaptedForHandicap { get; set; }

    /// <summary>Hash of every fact above: a re-import with the same hash changes nothing.</summary>
    public long ContentHash { get; set; }
}
