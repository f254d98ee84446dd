namespace Equilibre.Features.Territory;

/// <summary>Région of the Code officiel géographique (COG).</summary>
public sealed class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int CogMillesime { get; set; }
}

/// <summary>Département of the COG.</summary>
public sealed class Departement
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string RegionCode { get; set; }
    public int CogMillesime { get; set; }
}

/// <summary>
/// Current commune of the COG. Effective-dated: a commune that disappears from a later millésime is not
/// deleted, its <see cref="ValidTo"/> is set (history of demands and leases keeps pointing to it).
/// </summary>
public sealed class Commune
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string DepartementCode { get; set; }
    public required string RegionCode { get; set; }
    public string? EpciSiren { get; set; }

    /// <summary>Établissement public territorial of the Métropole du Grand Paris, for its communes.</summary>
    public string? EptSiren { get; set; }

    /// <summary>INSEE legal population (population municipale) of the millésime.</summary>
    public int? Population { get; set; }

    public string PostalCodes { get; set; } = "";
    public int CogMillesime { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

/// <summary>
/// EPCI à fiscalité propre (CC, CA, CU, métropole) or établissement public territorial of the Métropole du Grand
/// Paris. Its départements and région are derived from its member communes (the COG data has none).
/// </summary>
public sealed class Epci
{
    public required string Siren { get; set; }
    public required string Name { get; set; }

    /// <summary>CC, CA, CU, METRO, MET69 or EPT, as in the COG data.</summary>
    public required string Kind { get; set; }

    public int? Population { get; set; }

    /// <summary>Département holding most of the population of its members.</summary>
    public required string MainDepartementCode { get; set; }

    /// <summary>Every département with at least one member, comma-separated ("51,08").</summary>
    public required string DepartementCodes { get; set; }

    /// <summary>Région of its main département.</summary>
    public required string RegionCode { get; set; }

    public int MemberCount { get; set; }
    public int CogMillesime { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    public IReadOnlyList<string> DepartementCodeList => DepartementCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// One row of a Q1 arrêté as published, kept whether or not it matched an EPCI: an unmatched name stays in the
/// database and in the import report until the reference data is corrected, never dropped.
/// </summary>
public sealed class Q1ThresholdEntry
{
    public long Id { get; set; }
    public int Year { get; set; }
    public required string RegionName { get; set; }
    public required string DepartementCode { get; set; }
    public required string DepartementName { get; set; }
    public required string PublishedEpciName { get; set; }
    public decimal AmountPerUcPerYear { get; set; }
    public string? EpciSiren { get; set; }
    public required string MatchExplanation { get; set; }
    public required string Source { get; set; }
}

/// <summary>Boundary of a commune (COG 2018 geometry, simplified), as a GeoJSON geometry object.</summary>
public sealed class CommuneBoundary
{
    public required string CommuneCode { get; set; }
    public required string Name { get; set; }
    public required string GeometryJson { get; set; }
    public int CogMillesime { get; set; }

    /// <summary>False when the code is not a current commune of the COG held (merged since the boundary vintage).</summary>
    public bool MatchesCurrentCommune { get; set; }
}
