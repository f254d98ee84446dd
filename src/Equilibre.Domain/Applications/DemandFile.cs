namespace Equilibre.Domain.Applications;

/// <summary>
/// The content of a demand for social housing as the CERFA 14069 asks it and the SNE exchanges it (interfaceNuu
/// v02.00/02.01, domain.md §2.2). Codes are kept as the SNE spells them (<see cref="SneCodes"/>); everything the
/// system computes from it (persons, category, UC, Q1, eligibility) lives in <see cref="HouseholdFacts"/>, never here.
/// </summary>
public sealed record DemandFile
{
    public required Person Applicant { get; init; }

    /// <summary>Co-applicants (cotitulaires): spouse, PACS partner, concubin or co-tenant.</summary>
    public IReadOnlyList<Person> CoApplicants { get; init; } = [];

    public IReadOnlyList<Dependant> Dependants { get; init; } = [];

    /// <summary>Monthly resources received by the dependants, as one list (SNE listeRessourceRecuePersACharge).</summary>
    public IReadOnlyList<MonthlyResource> DependantResourcesReceived { get; init; } = [];

    /// <summary>Monthly resources paid by the dependants (SNE listeRessourceVerseePersACharge).</summary>
    public IReadOnlyList<MonthlyResource> DependantResourcesPaid { get; init; } = [];

    public UnbornChildren? Unborn { get; init; }

    public IReadOnlyList<CustodyChild> ChildrenInCustody { get; init; } = [];

    public CurrentHousing? CurrentHousing { get; init; }

    /// <summary>Reasons for the demand, codes 01–23, the first being the main one.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    public required HousingWishes Wishes { get; init; }

    public HandicapComplement? Handicap { get; init; }

    public DaloStatus Dalo { get; init; } = DaloStatus.None;

    public IReadOnlyList<PriorityLabel> Priorities { get; init; } = [];

    /// <summary>Mutation: the household already lives in a social dwelling (current housing model HLM, domain.md §7.5).</summary>
    public bool IsMutation => CurrentHousing?.Models.Contains("HLM") == true;

    /// <summary>Every adult of the demand: the applicant then the co-applicants.</summary>
    public IEnumerable<Person> Adults => CoApplicants.Prepend(Applicant);
}

/// <summary>An adult of the demand (demandeur or cotitulaire).</summary>
public sealed record Person
{
    /// <summary>1 M., 2 Mme, 3 Mlle.</summary>
    public string? Civility { get; init; }

    public required string LastName { get; init; }

    public string? BirthName { get; init; }

    public required string FirstName { get; init; }

    public DateOnly? BirthDate { get; init; }

    /// <summary>1 française, 2 Union européenne, 3 hors Union européenne.</summary>
    public string? Nationality { get; init; }

    /// <summary>C, M, D, S, P, U, V.</summary>
    public string? FamilySituation { get; init; }

    /// <summary>For a co-applicant: M conjoint, P pacsé, C concubin, L co-locataire.</summary>
    public string? LinkToApplicant { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public PostalAddress? Address { get; init; }

    public ProfessionalSituation? Work { get; init; }

    public TaxIncome? TaxIncome { get; init; }

    public IReadOnlyList<MonthlyResource> ResourcesReceived { get; init; } = [];

    public IReadOnlyList<MonthlyResource> ResourcesPaid { get; init; } = [];

    /// <summary>Holds a disability card (CMI invalidité) or is recognised disabled: raises the household category (domain.md §3.3).</summary>
    public bool Disabled { get; init; }

    public string FullName => $"{FirstName} {LastName}".Trim();
}

public sealed record PostalAddress(bool Abroad, string? Number, string? Street, string? PostalCode, string? CommuneCode);

/// <summary>Professional situation; <see cref="ContractType"/> is CDI, CDD, ART, CHO, APP, ETU, RET or AUT.</summary>
public sealed record ProfessionalSituation(string? Profession, string? ContractType, string? Employer, bool Abroad, string? PostalCode, string? CommuneCode);

/// <summary>Revenus fiscaux de référence N-1 and N-2 (the amounts may be unknown).</summary>
public sealed record TaxIncome(int? YearN1, decimal? AmountN1, int? YearN2, decimal? AmountN2);

/// <summary>A person à charge: lienParente P parent, E enfant, A autre; sexe M/F.</summary>
public sealed record Dependant(string? LastName, string? FirstName, DateOnly? BirthDate, string? Sex, string? Relationship, bool Disabled = false);

public sealed record UnbornChildren(int Count, DateOnly? ExpectedOn);

/// <summary>A child in custody: coParentalite G garde alternée, D droit de visite.</summary>
public sealed record CustodyChild(DateOnly? BirthDate, string? Sex, string Custody)
{
    public bool IsAlternateCustody => Custody == "G";
}

/// <summary>Current housing: modeleLogement codes (HLM, LP, RS…), rent, occupants, A/M, typology, surface.</summary>
public sealed record CurrentHousing(IReadOnlyList<string> Models, decimal? MonthlyRent, int? Occupants, string? Category, string? Typology, decimal? Surface, bool? Owner);

/// <summary>Housing sought: typologies (C, T1…T5, T6P), A appartement / M maison / I indifférent, communes in order of preference.</summary>
public sealed record HousingWishes(IReadOnlyList<string> Typologies, string? Category, IReadOnlyList<string> Communes, bool Extended);

/// <summary>The handicap / perte d'autonomie complement of the CERFA (codes of domain.md §2.2).</summary>
public sealed record HandicapComplement(
    string? State,
    string? Walking,
    IReadOnlyList<string> Motor,
    IReadOnlyList<string> Sensory,
    IReadOnlyList<string> TechnicalAids,
    IReadOnlyList<string> Equipment);

/// <summary>DALO status (SNE statutDalo): NON, ACTIF, CADUC, ACTREL.</summary>
public enum DaloStatus
{
    None,
    Active,
    Lapsed,
    ActiveRehoused,
}

/// <summary>
/// A priority label of L441-1 (domain.md §6.2) with its stable internal code (<see cref="PriorityCategories"/>), who
/// labelled it, when, on what proof, and until when it holds (null = no end set).
/// </summary>
public sealed record PriorityLabel(string Code, string LabelledBy, DateOnly LabelledOn, string? Proof, DateOnly? ValidUntil)
{
    public bool ValidOn(DateOnly date) => LabelledOn <= date && (ValidUntil is null || date <= ValidUntil);
}
