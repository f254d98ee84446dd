using Equilibre.Domain.Allocation;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;

namespace Equilibre.Features.Allocation;

/// <summary>
/// A reservation convention in gestion en flux (R441-5 CCH, domain.md §17.2): bailleur × réservataire × perimeter, with
/// a yearly rate or volume of the bailleur's flux, typology commitments and the designation delay. Stored flat;
/// <see cref="AllocationMapping.ToDomain(ReservationConventionRecord, string, string)"/> gives the Domain
/// <see cref="ReservationConvention"/> the ledger and the orientation read. Edited with optimistic concurrency (<see cref="Revision"/>).
/// </summary>
public sealed class ReservationConventionRecord
{
    public long Id { get; set; }

    /// <summary>The bailleur (stock) granting the reservation.</summary>
    public long BailleurId { get; set; }

    /// <summary>The réservataire organisation (State services for the préfet's share).</summary>
    public long ReservataireOrganisationId { get; set; }

    public ReservataireKind Kind { get; set; }

    /// <summary>Département of the convention (one convention per bailleur × réservataire × département, R441-5).</summary>
    public required string DepartementCode { get; set; }

    /// <summary>INSEE codes separated by commas when the perimeter is a commune or EPCI territory; null = the whole département.</summary>
    public string? Communes { get; set; }

    /// <summary>Share of the yearly flux in percent (25 = 25 %), or null when <see cref="Volume"/> is set.</summary>
    public decimal? RatePercent { get; set; }

    /// <summary>Dwellings per year, or null when <see cref="RatePercent"/> is set.</summary>
    public int? Volume { get; set; }

    /// <summary>Préfet only: part of its share for State agents, percent of the flux (≤ 5 %).</summary>
    public decimal? StateAgentsRatePercent { get; set; }

    /// <summary>Typology commitments as "rooms:dwellings" pairs separated by ';' (e.g. "1:2;4:3"); empty = none.</summary>
    public string Typologies { get; set; } = "";

    /// <summary>Geography commitment in words (e.g. "au moins 2 logements hors QPV à Reims"), shown with the ledger.</summary>
    public string? GeographyCommitment { get; set; }

    public int DesignationDelayDays { get; set; }

    /// <summary>Further designations the réservataire may make after a failure before the dwelling returns (ReturnRules).</summary>
    public int Redesignations { get; set; }

    /// <summary>A dwelling returned after a missed deadline still counts as delivered to the réservataire.</summary>
    public bool ReturnedCountsAsDelivered { get; set; } = true;

    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>Reference of the signed convention (number, date), shown as its source.</summary>
    public required string Reference { get; set; }

    /// <summary>Surplus or deficit carried from the previous years (dwellings; negative = the réservataire is owed).</summary>
    public int CarriedOver { get; set; }

    public bool IsDemo { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>A dwelling withdrawn from the flux for a period, with its reason among <see cref="FluxExclusions"/> (R441-5 exclusions).</summary>
public sealed class FluxWithdrawal
{
    public long Id { get; set; }
    public long DwellingId { get; set; }
    public required string ReasonCode { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A vacancy declared by the bailleur: the unit of the flux. It is oriented to a réservataire (proposal from the ledger,
/// confirmed or overridden with a motive) or kept by the bailleur; the réservataire designates before
/// <see cref="DesignationDeadline"/>, else the dwelling returns. The place facts are copied at declaration so that
/// lists, the shortlist and the flux never join the stock's history. State changes follow <see cref="VacancyWorkflow"/>.
/// </summary>
public sealed class Vacancy
{
    public long Id { get; set; }
    public long DwellingId { get; set; }
    public long BailleurId { get; set; }

    /// <summary>The bailleur's organisation (scope of its users and of its CALEOL).</summary>
    public long? BailleurOrganisationId { get; set; }

    public VacancyState State { get; set; }
    public DateOnly DeclaredOn { get; set; }
    public DateOnly AvailableOn { get; set; }

    /// <summary>Year of the flux the vacancy counts in.</summary>
    public int FluxYear { get; set; }

    public required string CommuneCode { get; set; }
    public string? EpciSiren { get; set; }
    public required string DepartementCode { get; set; }
    public string? RegionCode { get; set; }
    public int Rooms { get; set; }

    /// <summary>In QPV for the targets on the declaration date (<see cref="QpvStatus"/>); null when the référentiel is silent.</summary>
    public bool? InQpv { get; set; }

    /// <summary>Reason code of a withdrawal from the flux (mutation, ANRU…); null = in the flux.</summary>
    public string? WithdrawnReason { get; set; }

    /// <summary>The convention the ledger proposed, and why.</summary>
    public long? ProposedConventionId { get; set; }

    public string? ProposalReason { get; set; }

    /// <summary>The convention the vacancy is oriented to; null = kept by the bailleur.</summary>
    public long? ConventionId { get; set; }

    /// <summary>The réservataire organisation designating (copied from the convention); null = the bailleur.</summary>
    public long? ReservataireOrganisationId { get; set; }

    public string? OverrideMotive { get; set; }
    public DateOnly? OrientedOn { get; set; }
    public DateOnly? DesignationDeadline { get; set; }
    public DateOnly? ReturnedOn { get; set; }
    public string? ReturnReason { get; set; }

    /// <summary>True once a designation deadline was missed: counted in the réservataire's flux as returned.</summary>
    public bool Returned { get; set; }

    public bool IsDemo { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>
/// A candidate designated on a vacancy: the demand, who designated it, and the facts shown at designation (score, Q1,
/// priority, DALO, mutation) kept as they were. Its state follows <see cref="CandidateDecisionWorkflow"/>.
/// </summary>
public sealed class Candidate
{
    public long Id { get; set; }
    public long VacancyId { get; set; }
    public long DemandId { get; set; }
    public int Order { get; set; }
    public long? DesignatedByOrganisationId { get; set; }
    public required string DesignatedBy { get; set; }
    public DateTimeOffset DesignatedAt { get; set; }
    public decimal Score { get; set; }
    public bool? IsQ1 { get; set; }
    public bool IsPriority { get; set; }
    public bool IsDalo { get; set; }
    public bool IsMutation { get; set; }

    /// <summary>A DALO household designated by the préfet: the three-candidate rule does not apply (R441-3).</summary>
    public bool DesignatedByPrefetUnderDalo { get; set; }

    public CandidateDecisionState State { get; set; }
    public int Revision { get; set; }
}

public enum CaleolMode
{
    /// <summary>Members meet in person.</summary>
    Presentiel,

    /// <summary>Remote: members vote within a window (L441-2, with the agreement of the préfet).</summary>
    Distance,
}

public enum CaleolSessionStatus
{
    Planned,
    Closed,
}

/// <summary>A CALEOL session of a bailleur: date, mode (remote with its voting window), members, agenda through its decisions.</summary>
public sealed class CaleolSession
{
    public long Id { get; set; }
    public long BailleurOrganisationId { get; set; }
    public DateOnly Date { get; set; }
    public CaleolMode Mode { get; set; }
    public DateTimeOffset? VoteOpens { get; set; }
    public DateTimeOffset? VoteCloses { get; set; }
    public string? Place { get; set; }

    /// <summary>Members present, one "Name — quality" per line.</summary>
    public string Members { get; set; } = "";

    /// <summary>Vacancies on the agenda, ids separated by commas.</summary>
    public string Agenda { get; set; } = "";

    public CaleolSessionStatus Status { get; set; }
    public bool IsDemo { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>One CALEOL decision on one candidate (the five R441-3 types), who decided and when.</summary>
public sealed class CaleolDecisionRecord
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public long CandidateId { get; set; }
    public long VacancyId { get; set; }
    public long DemandId { get; set; }
    public CaleolDecisionKind Kind { get; set; }
    public int? Rank { get; set; }
    public string? Motive { get; set; }
    public DateOnly? ConditionDeadline { get; set; }
    public string? MissingDocument { get; set; }
    public DateOnly DecidedOn { get; set; }
    public long? DecidedByUserId { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset At { get; set; }
    public int Revision { get; set; }
}

/// <summary>An offer of the dwelling to a candidate, its response deadline (<see cref="OfferDeadline"/>) and answer.</summary>
public sealed class Offer
{
    public long Id { get; set; }
    public long VacancyId { get; set; }
    public long CandidateId { get; set; }
    public long DemandId { get; set; }
    public int Rank { get; set; }
    public DateOnly SentOn { get; set; }
    public DateOnly Deadline { get; set; }
    public OfferState State { get; set; }
    public string? RefusalReasonCode { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? AnsweredBy { get; set; }
    public int Revision { get; set; }
}

/// <summary>
/// A signed lease: the attribution. At signature it copies what the statutory targets need (domain.md §5): the place
/// (EPCI, commune, typology, financing, construction year, QPV basis at signature), the household (resources per UC, Q1
/// verdict with the threshold year and value, DALO, priority, mutation, relocation) and the flux origin — so that a
/// year's bilan is reproducible whatever changes later (issue 7). At most one active lease per dwelling and per demand
/// (filtered unique indexes on <see cref="EndedOn"/> null): of two concurrent signatures exactly one wins.
/// </summary>
public sealed class Lease
{
    public long Id { get; set; }
    public long DwellingId { get; set; }

    /// <summary>
    /// The demand the lease satisfied; null only for an imported historical lease of a household whose demand is not in
    /// the registry (an "external household": its facts come from the file, docs/guide/attributions-format.md).
    /// </summary>
    public long? DemandId { get; set; }

    public long? VacancyId { get; set; }
    public long? CandidateId { get; set; }
    public long BailleurId { get; set; }
    public long? BailleurOrganisationId { get; set; }
    public DateOnly SignedOn { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndedOn { get; set; }

    public FluxOrigin Flux { get; set; }
    public long? ReservataireOrganisationId { get; set; }
    public long? CaleolSessionId { get; set; }

    public required string EpciSiren { get; set; }
    public required string CommuneCode { get; set; }
    public required string DepartementCode { get; set; }
    public string? RegionCode { get; set; }
    public int Rooms { get; set; }
    public FinancingFamily? Financing { get; set; }
    public int? ConstructionYear { get; set; }

    /// <summary>QPV basis for the targets on the signature date; null when unknown (a data-quality exclusion).</summary>
    public QpvBasis? Qpv { get; set; }

    public string? QpvExplanation { get; set; }

    public decimal? AnnualResourcesPerUc { get; set; }
    public bool? IsQ1 { get; set; }
    public int? Q1Year { get; set; }
    public decimal? Q1Threshold { get; set; }
    public bool Dalo { get; set; }

    /// <summary>First L441-1 priority code of the demand, or null.</summary>
    public string? PriorityCategory { get; set; }

    public bool Mutation { get; set; }
    public Relocation Relocation { get; set; }

    /// <summary>Loaded from a historical allocations file (data migration) rather than signed through the workflow.</summary>
    public bool Imported { get; set; }

    /// <summary>Idempotence key of an imported line (file identifier of the lease).</summary>
    public string? ImportKey { get; set; }

    public bool IsDemo { get; set; }
    public required string SignedBy { get; set; }
    public DateTimeOffset At { get; set; }
    public int Revision { get; set; }
}

/// <summary>Append-only audit of the allocation workflow (product.md "Privacy": decisions and leases are audited).</summary>
public sealed class AllocationEvent
{
    public long Id { get; set; }

    /// <summary>"Vacance", "Candidat", "Commission", "Décision", "Offre", "Bail", "Convention".</summary>
    public required string EntityKind { get; set; }

    public long EntityId { get; set; }

    /// <summary>The vacancy the event belongs to, for its timeline; null for conventions and sessions.</summary>
    public long? VacancyId { get; set; }

    public DateTimeOffset At { get; set; }
    public long? UserId { get; set; }
    public required string By { get; set; }
    public string? OrganisationName { get; set; }
    public required string Summary { get; set; }
    public string? Detail { get; set; }
}
