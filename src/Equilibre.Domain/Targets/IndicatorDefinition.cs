namespace Equilibre.Domain.Targets;

/// <summary>Which leases form the denominator of an indicator, before its exclusions.</summary>
public enum IndicatorPopulation
{
    /// <summary>Every lease of the group.</summary>
    All,

    /// <summary>Leases of dwellings outside QPV for the targets (T1, §5.1); dwellings without QPV status are excluded.</summary>
    OutsideQpv,

    /// <summary>Leases of dwellings in QPV for the targets, ex-ZUS assimilated included (T2, §5.2); without QPV status excluded.</summary>
    InQpv,

    /// <summary>
    /// Leases on a flux that owes the 25 % of T3 (§5.4): réservataires other than the préfet, the bailleur's
    /// non-reserved flux and dwellings returned to it. The préfet's contingent and unknown flux are excluded; dwellings
    /// withdrawn from the flux are excluded unless the rule says otherwise.
    /// </summary>
    FluxOwingPriorityShare,
}

/// <summary>Which leases of the denominator count in the numerator.</summary>
public enum IndicatorCriterion
{
    /// <summary>First-quartile household or ANRU (and, by default, ORCOD) relocation (T1).</summary>
    Q1OrRelocated,

    /// <summary>Household of quartiles 2 to 4: resources per UC at or above the threshold (T2).</summary>
    NotQ1,

    /// <summary>First-quartile household.</summary>
    Q1,

    /// <summary>Active DALO decision or a labelled L441-1 priority criterion (T3).</summary>
    DaloOrPriority,

    /// <summary>Active DALO decision.</summary>
    Dalo,

    /// <summary>A labelled L441-1 priority criterion (with or without DALO).</summary>
    Priority,

    /// <summary>A mutation inside the social stock (local CIA objective, §5.5).</summary>
    Mutation,

    /// <summary>An ANRU or ORCOD relocation.</summary>
    Relocated,
}

/// <summary>What to do with a lease whose household's first-quartile membership is unknown.</summary>
public enum UnknownResourcesTreatment
{
    /// <summary>Kept in the denominator, never in the numerator (the denominator is "all leases", §5.1, §5.2).</summary>
    InDenominatorOnly,

    /// <summary>Left out of numerator and denominator, counted as an exclusion.</summary>
    Excluded,
}

/// <summary>
/// The rule of an indicator: its population and numerator criterion, and every unconfirmed choice as a parameter with
/// its default and where the default comes from. The rule is part of a versioned definition, so a bilan regenerated
/// later applies the same choices.
/// </summary>
public sealed record IndicatorRule(IndicatorPopulation Population, IndicatorCriterion Criterion)
{
    /// <summary>
    /// Default: unknown resources stay in the denominator. domain.md §5.1 and §5.2 define the denominators as "all
    /// leases signed" outside (in) QPV; a household whose quartile is unknown cannot be counted as Q1 (or Q2–Q4), so it
    /// lowers the rate instead of being hidden. The spec does not settle it explicitly.
    /// </summary>
    public UnknownResourcesTreatment UnknownResources { get; init; } = UnknownResourcesTreatment.InDenominatorOnly;

    public string UnknownResourcesSource { get; init; } =
        "ressources inconnues gardées au dénominateur, jamais au numérateur : le dénominateur est « toutes les attributions » (domain.md §5.1, §5.2) ; traitement non précisé par les textes (non confirmé)";

    /// <summary>ORCOD relocations count like ANRU ones in <see cref="IndicatorCriterion.Q1OrRelocated"/>: default yes (§5.1, La Gazette 2025); [U] (§17.1).</summary>
    public bool OrcodCountsAsRelocation { get; init; } = true;

    public string OrcodSource { get; init; } =
        "relogements ORCOD comptés comme les relogements ANRU (présentation de l'arrêté 2025, domain.md §5.1) ; non confirmé dans le texte de L441-1 (§17.1)";

    /// <summary>Relocated households left out of numerator and denominator (asked for T2 in QPV, §5.2 [U]); default no.</summary>
    public bool ExcludeRelocated { get; init; }

    public string ExcludeRelocatedSource { get; init; } = "ménages relogés (ANRU/ORCOD) comptés comme les autres selon leurs ressources";

    /// <summary>Dwellings withdrawn from the flux counted in <see cref="IndicatorPopulation.FluxOwingPriorityShare"/>: default no (§9, §5.4 [U]).</summary>
    public bool IncludeWithdrawnFromFlux { get; init; }

    public string WithdrawnFromFluxSource { get; init; } =
        "logements soustraits du flux (mutations, relogements) hors de tout flux, donc hors T3 (domain.md §9, §17.9 ; règle du dénominateur non confirmée, §5.4)";

    /// <summary>Whether the numerator depends on first-quartile membership.</summary>
    public bool ReadsQuartile => Criterion is IndicatorCriterion.Q1OrRelocated or IndicatorCriterion.NotQ1 or IndicatorCriterion.Q1;
}

/// <summary>
/// A threshold set locally (CIA engagement, adapted CIL rate) for one value of a dimension — a bailleur, a
/// réservataire, a commune or an EPCI — replacing the definition's threshold in a group whose key fixes that value.
/// </summary>
public sealed record LocalThreshold(GroupDimension Dimension, string Value, decimal Rate, string Source);

/// <summary>
/// A versioned indicator: id, version, validity, legal or local source, threshold (a fraction: 0.25 = 25 %), rule.
/// Definitions are data: a new version is a new record, never an edit, and a period is computed with the version in
/// force on its last day (<see cref="IndicatorDefinitions.InForce"/>), so last year's bilan comes out the same.
/// </summary>
public sealed record IndicatorDefinition(
    string Id, int Version, string Label, DateOnly ValidFrom, DateOnly? ValidTo, decimal Threshold, string Source, IndicatorRule Rule)
{
    /// <summary>Local thresholds; precedence when several apply: réservataire, bailleur, commune, EPCI, then the others.</summary>
    public IReadOnlyList<LocalThreshold> LocalThresholds { get; init; } = [];

    /// <summary>Where the default threshold comes from.</summary>
    public string ThresholdSource { get; init; } = "seuil national par défaut";

    /// <summary>A note shown beside every result (e.g. T3 is appreciated per réservataire).</summary>
    public string? Note { get; init; }

    public bool ValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    /// <summary>"T1 v1": the rule version shown beside a figure.</summary>
    public string RuleVersion => French.Format($"{Id} v{Version}");
}

/// <summary>Choosing definitions for a period.</summary>
public static class IndicatorDefinitions
{
    /// <summary>
    /// For each id, the definition valid on <paramref name="date"/> with the highest version (a correction published for
    /// the same validity replaces the older one); ids with no version valid that day are left out.
    /// </summary>
    public static IReadOnlyList<IndicatorDefinition> InForce(IEnumerable<IndicatorDefinition> definitions, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return [.. definitions.Where(d => d.ValidOn(date)).GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.MaxBy(d => d.Version)!)];
    }
}

/// <summary>
/// The statutory targets of L441-1 CCH as definitions (domain.md §5.1, §5.2, §5.4, §17.1). Version 1 from the loi
/// Égalité et citoyenneté (LEC, loi n° 2017-86 du 27 janvier 2017, art. 70, in force 29 January 2017). Local
/// adaptations of 25 % and 50 % (CIL orientations with the préfet's agreement, revised every three years) are
/// <see cref="LocalThreshold"/>s on these definitions or new versions.
/// </summary>
public static class StatutoryTargets
{
    public static readonly DateOnly Lec = new(2017, 1, 29);

    public static readonly IndicatorDefinition T1 = new(
        "T1", 1, "Attributions hors QPV aux ménages du premier quartile ou relogés", Lec, null, 0.25m,
        "L441-1 CCH (loi LEC art. 70) : au moins 25 % des attributions suivies de baux signés hors QPV (et hors ex-ZUS assimilées) aux demandeurs du premier quartile ou relogés ANRU — domain.md §5.1",
        new IndicatorRule(IndicatorPopulation.OutsideQpv, IndicatorCriterion.Q1OrRelocated))
    {
        ThresholdSource = "25 % par défaut ; adaptable par les orientations de la CIL avec l'accord du préfet, révisé tous les trois ans (domain.md §5.1, formulation finale non confirmée)",
    };

    public static readonly IndicatorDefinition T2 = new(
        "T2", 1, "Attributions en QPV aux ménages des quartiles 2 à 4", Lec, null, 0.50m,
        "L441-1 CCH (loi LEC art. 70) : au moins 50 % des attributions suivies de baux signés en QPV aux demandeurs autres que ceux du premier quartile — domain.md §5.2",
        new IndicatorRule(IndicatorPopulation.InQpv, IndicatorCriterion.NotQ1)
        {
            ExcludeRelocatedSource = "ménages relogés (ANRU/ORCOD) en QPV comptés selon leurs ressources ; leur exclusion du numérateur et du dénominateur est une question ouverte, non confirmée (domain.md §5.2), réglable par paramètre",
        })
    {
        ThresholdSource = "50 % par défaut ; objectif quantifié des orientations de la CIL (domain.md §5.2, adaptation non confirmée)",
    };

    public static readonly IndicatorDefinition T3 = new(
        "T3", 1, "Attributions de chaque réservataire et du flux non réservé du bailleur aux ménages DALO ou prioritaires", Lec, null, 0.25m,
        "L441-1 CCH : au moins 25 % des attributions annuelles de chaque réservataire autre que le préfet, et du bailleur sur ses logements non réservés ou qui lui sont rendus, aux ménages DALO ou, à défaut, prioritaires (L441-1) — domain.md §5.4 (principe confirmé, formulation non confirmée)",
        new IndicatorRule(IndicatorPopulation.FluxOwingPriorityShare, IndicatorCriterion.DaloOrPriority))
    {
        ThresholdSource = "25 % (domain.md §5.4)",
        Note = "le taux T3 s'apprécie par réservataire et sur le flux propre du bailleur : regrouper par réservataire (et bailleur) pour le lire ; un agrégat additionne plusieurs flux",
    };

    public static readonly IReadOnlyList<IndicatorDefinition> All = [T1, T2, T3];
}

/// <summary>An indicator of the CIA catalogue: what it counts, without a threshold (each CIA sets its own).</summary>
public sealed record CiaIndicator(string Id, string Label, IndicatorRule Rule, string Source)
{
    /// <summary>The definition a CIA adopts: this indicator with its threshold, validity and local thresholds.</summary>
    public IndicatorDefinition Adopt(int version, DateOnly validFrom, DateOnly? validTo, decimal threshold, string thresholdSource, IReadOnlyList<LocalThreshold>? local = null) =>
        new(Id, version, Label, validFrom, validTo, threshold, Source, Rule)
        {
            ThresholdSource = thresholdSource,
            LocalThresholds = local ?? [],
        };
}

/// <summary>
/// The catalogue of local (CIA) indicators (L441-1-6 1° and 2°, domain.md §5.5, §17.6): the statutory counts
/// engaged per bailleur, the mutation share (a local objective, not a national one), priority and DALO shares,
/// relocations. A CIA picks entries and gives each a threshold, per bailleur, territory or réservataire if it wants.
/// </summary>
public static class CiaCatalogue
{
    public static readonly CiaIndicator Q1OutsideQpv = new("CIA_Q1_HORS_QPV", "Engagement CIA : attributions hors QPV au premier quartile ou relogés",
        new IndicatorRule(IndicatorPopulation.OutsideQpv, IndicatorCriterion.Q1OrRelocated),
        "L441-1-6 1° CCH : engagement annuel quantifié et territorialisé de chaque bailleur (domain.md §17.6)");

    public static readonly CiaIndicator NotQ1InQpv = new("CIA_Q2Q4_QPV", "Engagement CIA : attributions en QPV aux quartiles 2 à 4",
        new IndicatorRule(IndicatorPopulation.InQpv, IndicatorCriterion.NotQ1),
        "L441-1-6 1° CCH : engagement annuel quantifié et territorialisé de chaque bailleur (domain.md §17.6)");

    public static readonly CiaIndicator PriorityShare = new("CIA_PRIORITAIRES", "Part des attributions aux ménages DALO ou prioritaires",
        new IndicatorRule(IndicatorPopulation.All, IndicatorCriterion.DaloOrPriority),
        "L441-1-6 2° CCH : engagement annuel de chaque bailleur envers les ménages DALO et prioritaires (domain.md §17.6)");

    public static readonly CiaIndicator DaloShare = new("CIA_DALO", "Part des attributions aux ménages DALO",
        new IndicatorRule(IndicatorPopulation.All, IndicatorCriterion.Dalo),
        "L441-1-6 2° CCH (domain.md §17.6) ; suivi des DALO relogés (§5.6)");

    public static readonly CiaIndicator MutationShare = new("CIA_MUTATIONS", "Part des attributions en mutation",
        new IndicatorRule(IndicatorPopulation.All, IndicatorCriterion.Mutation),
        "objectif local de CIA, PLH ou CUS, pas un objectif national (domain.md §5.5, non confirmé)");

    public static readonly CiaIndicator RelocationShare = new("CIA_RELOGEMENTS", "Part des attributions aux ménages relogés ANRU ou ORCOD",
        new IndicatorRule(IndicatorPopulation.All, IndicatorCriterion.Relocated),
        "L441-1-6 5° CCH : modalités de relogement (domain.md §17.6) ; relogements suivis à part (§5.5)");

    public static readonly IReadOnlyList<CiaIndicator> All = [Q1OutsideQpv, NotQ1InQpv, PriorityShare, DaloShare, MutationShare, RelocationShare];

    public static CiaIndicator? Find(string id) => All.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));
}
