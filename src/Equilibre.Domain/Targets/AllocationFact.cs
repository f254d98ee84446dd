using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Targets;

/// <summary>
/// Whose flux a lease was let on (domain.md §9, §5.4). The T3 rule reads it: each réservataire other than the préfet,
/// and the bailleur on its non-reserved flux and on the dwellings returned to it, owe 25 % to DALO or priority
/// households; the préfet's contingent has its own rule and dwellings withdrawn from the flux are not in any flux.
/// "Unknown" is kept apart from "the bailleur's own flux": a missing réservataire is a data-quality problem, not a
/// bailleur attribution.
/// </summary>
public enum FluxOrigin
{
    /// <summary>Not recorded (historical import, missing orientation): counted as "réservataire inconnu".</summary>
    Unknown,

    /// <summary>The préfet's reservation (contingent prioritaire and State agents, ≤ 30 % of the flux, R441-5-2).</summary>
    Prefet,

    /// <summary>Another réservataire: commune, EPCI, département, Action Logement, other employers' bodies.</summary>
    Reservataire,

    /// <summary>The bailleur's own non-reserved flux.</summary>
    BailleurNonReserved,

    /// <summary>A dwelling returned to the bailleur after the réservataire failed to designate in time (counted with its own flux, §5.4).</summary>
    ReturnedToBailleur,

    /// <summary>A dwelling withdrawn from the flux (mutations, ANRU/ORCOD relocations, defence and security stock — §9, §17.9).</summary>
    WithdrawnFromFlux,
}

/// <summary>The relocation a lease was signed under (domain.md §5.1, §5.5): it counts in T1 whatever the resources.</summary>
public enum Relocation
{
    None,

    /// <summary>Relogement in an urban-renewal operation (ANRU / NPNRU) [C].</summary>
    Anru,

    /// <summary>Relogement from an ORCOD (opération de requalification de copropriétés dégradées); in T1 [U] (§17.1).</summary>
    Orcod,
}

/// <summary>
/// One effective attribution = one signed lease (domain.md §5: targets count "attributions suivies de baux signés"),
/// flattened to what the indicators read. Features maps its entities to this record once (the QPV status through
/// <see cref="QpvStatus.ForTargets"/> at the signature date, resources per UC at the CAL decision); the engine then
/// folds hundreds of thousands of them without touching anything else, so the record holds only values and ids.
/// </summary>
public sealed record AllocationFact
{
    /// <summary>Id of the lease, returned by the drill-down.</summary>
    public required long LeaseId { get; init; }

    /// <summary>Date the lease was signed: the date that places the attribution in a period and a threshold year.</summary>
    public required DateOnly SignedOn { get; init; }

    /// <summary>SIREN of the EPCI of the dwelling.</summary>
    public required string EpciSiren { get; init; }

    /// <summary>INSEE code of the commune of the dwelling.</summary>
    public required string CommuneCode { get; init; }

    /// <summary>Id of the bailleur (its SIREN or Equilibre id: one convention, used consistently).</summary>
    public required string BailleurId { get; init; }

    /// <summary>Whose flux the dwelling was let on. <see cref="ReservataireId"/> says which réservataire for <see cref="FluxOrigin.Prefet"/> and <see cref="FluxOrigin.Reservataire"/>.</summary>
    public required FluxOrigin Flux { get; init; }

    /// <summary>Id of the réservataire; null for the bailleur's own flux, withdrawn dwellings and unknown.</summary>
    public string? ReservataireId { get; init; }

    /// <summary>Typology of the dwelling ("T1" … "T5", "T6+"), null when unknown.</summary>
    public string? Typology { get; init; }

    /// <summary>Financing family (PLAI, PLUS, PLS, PLI, other), null when unknown.</summary>
    public FinancingFamily? Financing { get; init; }

    /// <summary>Construction period of the building as the flux bilan reports it (§9, §17.9), null when unknown.</summary>
    public string? ConstructionPeriod { get; init; }

    /// <summary>
    /// In QPV for the targets at the signature date, with the basis (<see cref="QpvStatus.ForTargets"/>): QPV, ex-ZUS
    /// assimilated, exited QPV kept, or not in QPV. Null = the dwelling has no QPV status (not located): excluded from
    /// T1 and T2 and counted in the data quality.
    /// </summary>
    public required QpvBasis? Qpv { get; init; }

    /// <summary>Annual resources per UC of the household at the CAL decision (domain.md §4.2), null when unknown.</summary>
    public decimal? AnnualResourcesPerUc { get; init; }

    /// <summary>
    /// The Q1 verdict as recorded at the signature (an import that has only the flag, or the SNE's flag), used only
    /// when the resources per UC or the threshold are missing. Null = not recorded.
    /// </summary>
    public bool? Q1AtSignature { get; init; }

    /// <summary>ANRU/ORCOD relocation.</summary>
    public Relocation Relocation { get; init; }

    /// <summary>The household had an active favourable DALO decision (L441-2-3) at the attribution.</summary>
    public bool Dalo { get; init; }

    /// <summary>Internal code of a labelled L441-1 priority criterion (<c>PriorityCategories</c>), null when none.</summary>
    public string? PriorityCategory { get; init; }

    /// <summary>The attribution is a mutation (the household was already a tenant of the social stock, §7.5).</summary>
    public bool Mutation { get; init; }

    /// <summary>Id of the CAL session that decided the attribution, null when unknown.</summary>
    public string? CalSessionId { get; init; }

    /// <summary>DALO or at least one labelled priority criterion: the T3 numerator (§5.4).</summary>
    public bool DaloOrPriority => Dalo || PriorityCategory is not null;
}
