namespace Equilibre.Domain.Allocation;

/// <summary>Kinds of réservataires (R441-5 CCH, domain.md §17.2), and the bailleur for its non-reserved share.</summary>
public enum ReservataireKind
{
    /// <summary>The State: ≤ 30 % of the flux, of which ≤ 5 % for State agents (R441-5-2).</summary>
    Prefet,

    /// <summary>Action Logement Services (L313-19).</summary>
    ActionLogement,

    /// <summary>Commune, EPCI, département, région or their public bodies.</summary>
    Collectivite,
    Employeur,
    Other,

    /// <summary>The bailleur itself, on the dwellings no convention reserves.</summary>
    Bailleur,
}

/// <summary>
/// Where a convention applies: one convention per bailleur × réservataire at département level (R441-5); a commune or
/// EPCI réservataire's convention covers its territory (<see cref="Communes"/>, INSEE codes; null = the whole département).
/// </summary>
public sealed record FluxPerimeter(string Departement, IReadOnlySet<string>? Communes)
{
    public bool Contains(string departement, string commune) =>
        string.Equals(Departement, departement, StringComparison.Ordinal) && (Communes is null || Communes.Contains(commune));

    public string Describe() => Communes is null
        ? $"département {Departement}"
        : French.Format($"{Communes.Count} commune(s) du département {Departement}");
}

/// <summary>The réservataire's yearly right: a rate of the flux (percent, 25 = 25 %) or a number of dwellings — one of them.</summary>
public sealed record FluxShare
{
    private FluxShare(decimal? ratePercent, int? volume) => (RatePercent, Volume) = (ratePercent, volume);

    public decimal? RatePercent { get; }

    public int? Volume { get; }

    public static FluxShare Rate(decimal percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100m);
        return new(percent, null);
    }

    public static FluxShare Dwellings(int volume)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(volume);
        return new(null, volume);
    }

    public string Describe() => RatePercent is { } r ? French.Format($"{r:0.##} % du flux annuel") : French.Format($"{Volume} logement(s) par an");
}

/// <summary>A typology commitment of a convention: at least <paramref name="Dwellings"/> dwellings of <paramref name="Rooms"/> rooms a year.</summary>
public sealed record TypologyCommitment(int Rooms, int Dwellings);

/// <summary>
/// What happens when the réservataire does not designate in time, or all its candidates fail (domain.md §9 [U]: the
/// procedure and delays are clauses of each convention, not read in the decree). <see cref="ReturnedCountsAsDelivered"/>:
/// a dwelling returned to the bailleur is counted in the réservataire's flux as delivered (issue 6: "a missed deadline
/// returns the dwelling to the bailleur (counted in the flux)"; domain.md §9 lists "returned" in the ledger) — the
/// default, unconfirmed, hence the <see cref="Source"/>. <see cref="Redesignations"/>: how many new designations the
/// réservataire gets after a failure (CALEOL or refusals) before the dwelling returns to the bailleur.
/// </summary>
public sealed record ReturnRules(int Redesignations, bool ReturnedCountsAsDelivered, string Source)
{
    public static readonly ReturnRules Default = new(0, true,
        "logement rendu au bailleur compté comme mis à disposition du réservataire, sans nouvelle désignation après un échec (règle de convention par défaut, domain.md §9 — non confirmée)");
}

/// <summary>
/// A reservation convention in flux (R441-5, décret 2020-145; domain.md §9, §17.2): réservataire, bailleur, perimeter,
/// yearly rate or volume, typology commitments, designation delay, return rules, validity. For the préfet,
/// <see cref="StateAgentsRatePercent"/> is the part of its share for civil and military State agents (≤ 5 % of the flux).
/// <see cref="DesignationDelayDays"/>: days the réservataire has to designate candidates once a vacancy is oriented to it.
/// </summary>
public sealed record ReservationConvention(
    string Reservataire,
    ReservataireKind Kind,
    string Bailleur,
    FluxPerimeter Perimeter,
    FluxShare Share,
    IReadOnlyList<TypologyCommitment> Typologies,
    int DesignationDelayDays,
    ReturnRules Return,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string Source)
{
    public decimal? StateAgentsRatePercent { get; init; }

    public bool ValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    /// <summary>The réservataire's designation deadline for a vacancy oriented on <paramref name="orientedOn"/>.</summary>
    public DateOnly DesignationDeadline(DateOnly orientedOn) => orientedOn.AddDays(DesignationDelayDays);
}
